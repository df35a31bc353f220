import { defineRoute } from "@/lib/api/define-route";
import { parseIdempotencyKey } from "@/lib/api/idempotency-key";
import { parseQuery } from "@/lib/api/parse-query";
import { readJson } from "@/lib/api/read-json";
import { ok } from "@/lib/api/respond";
import { clientWantsFresh } from "@/lib/cache/client-wants-fresh";
import { withCacheHeader } from "@/lib/cache/with-cache-header";
import { createCustomerFromApi } from "@/lib/services/customers/create-customer-from-api";
import { listCustomers } from "@/lib/services/customers/list-customers";
import {
  createCustomerBodySchema,
  customerListMetaSchema,
  customerListSchema,
  customerSchema,
  listCustomersQuerySchema,
} from "@/lib/services/customers/schemas";

// GET /api/v1/customers — search by name, email or phone (however typed), name order, keyset-paginated
export const GET = defineRoute({ auth: "required", permission: "customers:read", service: "customers" }, async ({ req, caller }) => {
  const query = parseQuery(req, listCustomersQuerySchema);
  const { value, status } = await listCustomers(caller.cid, query, { fresh: clientWantsFresh(req.headers) });
  const meta = customerListMetaSchema.parse({ nextCursor: value.nextCursor, limit: query.limit });
  return withCacheHeader(ok(customerListSchema.parse(value.items), { meta }), status);
});

// POST /api/v1/customers — create (201); 409 with the field on a duplicate phone or email; Idempotency-Key honoured
export const POST = defineRoute({ auth: "required", permission: "customers:write", service: "customers" }, async ({ req, caller }) => {
  const body = await readJson(req, createCustomerBodySchema);
  const created = await createCustomerFromApi(caller.cid, body, parseIdempotencyKey(req.headers));
  const headers: Record<string, string> = { location: `/api/v1/customers/${created.customer.id}` };
  if (created.replayed) headers["idempotent-replayed"] = "true";
  return ok(customerSchema.parse(created.customer), { status: 201, headers });
});
