import { defineRoute } from "@/lib/api/define-route";
import { ok } from "@/lib/api/respond";
import { getSubscription } from "@/lib/services/billing/get-subscription";

// GET /api/v1/billing/subscription — tier, Stripe status, period, cancel-at-period-end, the limits it buys
export const GET = defineRoute({ auth: "required", permission: "billing:read", service: "billing" }, async ({ caller }) =>
  ok(await getSubscription(caller.cid)),
);
