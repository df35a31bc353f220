import Stripe from "stripe";
import { LOCAL_DEFAULTS } from "@/lib/integrations/local-defaults";

/** A Stripe event as Stripe would send it, built by a test (to choose `created`, or a type the fake never sends). */
export function stripeEvent(type: string, object: Record<string, unknown>, created = Math.floor(Date.now() / 1000)) {
  return {
    id: `evt_test_${Math.random().toString(36).slice(2, 14)}${Date.now().toString(36)}`,
    object: "event",
    api_version: Stripe.API_VERSION,
    created,
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  };
}

/** Posts an event signed like Stripe (`Stripe-Signature` from the package's test helper). */
export async function postStripeEvent(target: string, event: object, opts: { secret?: string; timestamp?: number } = {}) {
  const body = JSON.stringify(event);
  const signature = Stripe.webhooks.generateTestHeaderString({
    payload: body,
    secret: opts.secret ?? LOCAL_DEFAULTS.stripeWebhookSecret,
    timestamp: opts.timestamp,
  });
  const res = await fetch(target, { method: "POST", headers: { "content-type": "application/json", "stripe-signature": signature }, body });
  return {
    status: res.status,
    json: (await res.json()) as { data?: { id?: string; duplicate?: boolean; ignored?: boolean }; error?: { code: string } },
  };
}
