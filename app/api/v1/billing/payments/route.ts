import { defineRoute } from "@/lib/api/define-route";
import { parseQuery } from "@/lib/api/parse-query";
import { ok } from "@/lib/api/respond";
import { listPayments } from "@/lib/services/billing/list-payments";
import { listPaymentsQuerySchema, paymentListSchema } from "@/lib/services/billing/schemas";

// GET /api/v1/billing/payments — the company's payment attempts, newest first (a failure says why, never a card detail)
export const GET = defineRoute({ auth: "required", permission: "billing:read", service: "billing" }, async ({ req, caller }) => {
  const page = await listPayments(caller.cid, parseQuery(req, listPaymentsQuerySchema));
  return ok(paymentListSchema.parse(page.items), { meta: { nextCursor: page.nextCursor } });
});
