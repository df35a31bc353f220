import type { AccessRule } from "@/lib/api/authorize";
import { defineRoute } from "@/lib/api/define-route";
import { parseQuery } from "@/lib/api/parse-query";
import { readJson } from "@/lib/api/read-json";
import { ok } from "@/lib/api/respond";
import { clientWantsFresh } from "@/lib/cache/client-wants-fresh";
import { withCacheHeader } from "@/lib/cache/with-cache-header";
import { getCustomer } from "@/lib/services/customers/get-customer";
import {
  customerDetailQuerySchema,
  customerDetailSchema,
  customerIdParamsSchema,
  customerSchema,
  updateCustomerBodySchema,
} from "@/lib/services/customers/schemas";
import { updateCustomer } from "@/lib/services/customers/update-customer";

const read = { auth: "required", permission: "customers:read", service: "customers" } as const satisfies AccessRule;
const write = { auth: "required", permission: "customers:write", service: "customers" } as const satisfies AccessRule;

// GET /api/v1/customers/{id} — the profile, with customers sharing its phone or email (merge candidates)
export const GET = defineRoute<{ id: string }, typeof read>(read, async ({ req, params, caller }) => {
  const { id } = customerIdParamsSchema.parse(params);
  parseQuery(req, customerDetailQuerySchema);
  const { value, status } = await getCustomer(caller.cid, id, { fresh: clientWantsFresh(req.headers) });
  return withCacheHeader(ok(customerDetailSchema.parse(value)), status);
});

// PATCH /api/v1/customers/{id} — change the fields sent; 409 with the field when the phone or email is another customer's
export const PATCH = defineRoute<{ id: string }, typeof write>(write, async ({ req, params, caller }) => {
  const { id } = customerIdParamsSchema.parse(params);
  const body = await readJson(req, updateCustomerBodySchema);
  return customerSchema.parse(await updateCustomer(caller.cid, id, body));
});
