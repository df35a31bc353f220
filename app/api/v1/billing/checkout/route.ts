import { defineRoute } from "@/lib/api/define-route";
import { parseIdempotencyKey } from "@/lib/api/idempotency-key";
import { readJson } from "@/lib/api/read-json";
import { ok } from "@/lib/api/respond";
import { createCheckoutFromApi } from "@/lib/services/billing/create-checkout-from-api";
import { checkoutRequestSchema, stripeUrlSchema } from "@/lib/services/billing/schemas";

// POST /api/v1/billing/checkout {tier} — a Stripe Checkout URL for a paid tier (409 once subscribed: use the portal)
export const POST = defineRoute({ auth: "required", permission: "billing:manage", service: "billing" }, async ({ req, caller }) => {
  const body = await readJson(req, checkoutRequestSchema);
  const made = await createCheckoutFromApi(caller.cid, body.tier, parseIdempotencyKey(req.headers));
  const headers: Record<string, string> = { "cache-control": "no-store" };
  if (made.replayed) headers["idempotent-replayed"] = "true";
  return ok(stripeUrlSchema.parse({ url: made.url }), { status: 201, headers });
});
