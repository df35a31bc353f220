import { defineRoute } from "@/lib/api/define-route";
import { parseIdempotencyKey } from "@/lib/api/idempotency-key";
import { ok } from "@/lib/api/respond";
import { createPortalFromApi } from "@/lib/services/billing/create-portal-from-api";
import { stripeUrlSchema } from "@/lib/services/billing/schemas";

// POST /api/v1/billing/portal — a Stripe customer-portal URL (change plan or card; 409 before the first checkout)
export const POST = defineRoute({ auth: "required", permission: "billing:manage", service: "billing" }, async ({ req, caller }) => {
  const made = await createPortalFromApi(caller.cid, parseIdempotencyKey(req.headers));
  const headers: Record<string, string> = { "cache-control": "no-store" };
  if (made.replayed) headers["idempotent-replayed"] = "true";
  return ok(stripeUrlSchema.parse({ url: made.url }), { status: 201, headers });
});
