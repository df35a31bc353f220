import type { AccessRule } from "@/lib/api/authorize";
import { defineRoute } from "@/lib/api/define-route";
import { readJson } from "@/lib/api/read-json";
import { actorFromCaller } from "@/lib/services/audit/actor-from-caller";
import { mergeCustomers } from "@/lib/services/customers/merge-customers";
import { customerIdParamsSchema, mergeCustomerBodySchema, mergeResultSchema } from "@/lib/services/customers/schemas";

const rule = { auth: "required", permission: "customers:write", service: "customers" } as const satisfies AccessRule;

// POST /api/v1/customers/{id}/merge — move the duplicate's calls, bookings and emails here, then remove it (audited)
export const POST = defineRoute<{ id: string }, typeof rule>(rule, async ({ req, params, caller, requestId }) => {
  const { id } = customerIdParamsSchema.parse(params);
  const { duplicateId } = await readJson(req, mergeCustomerBodySchema);
  return mergeResultSchema.parse(await mergeCustomers(caller.cid, id, duplicateId, actorFromCaller(caller, requestId)));
});
