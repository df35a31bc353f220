import type Stripe from "stripe";
import { createStripeClient } from "@/lib/integrations/stripe/client";
import { parseStripeEvent } from "@/lib/integrations/stripe/events";
import { applyCompletedCheckout } from "@/lib/services/billing/apply-completed-checkout";
import { writeThroughCompany } from "@/lib/services/billing/write-through-company";
import { nothingDone, type WebhookEventHandler } from "./types";

/**
 * Stripe checkout.session.completed: the company bought a plan. Links the company (our
 * client_reference_id) to its Stripe customer and subscription, as Stripe has the subscription now
 * (applyCompletedCheckout), then writes the company's edge record through. A checkout that made a
 * second subscription while the company's own still pays (two sessions paid before one was expired)
 * does not replace it: the new one is cancelled at Stripe at once (no charge beyond what Checkout
 * took; a refund of that first invoice is a support matter, not automated).
 */
export const stripeCheckoutCompleted: WebhookEventHandler = async ({ event }) => {
  const parsed = parseStripeEvent(event.payload as unknown as Pick<Stripe.Event, "id" | "type" | "created" | "data">);
  if (!parsed || parsed.type !== "checkout.session.completed") return nothingDone(null, "not a checkout event");
  const session = parsed.object;
  if (session.mode !== "subscription") return nothingDone(null, "not a subscription checkout");
  // Read before the transaction, so no network call holds a row lock.
  const stripe = createStripeClient();
  const subscription = session.subscription ? (await stripe.getSubscription(session.subscription)).value : null;
  const result = await applyCompletedCheckout(
    { customerId: session.customer, companyId: session.client_reference_id ?? session.metadata?.companyId, sessionId: session.id },
    subscription,
    { created: parsed.created, eventId: parsed.id, webhookEventId: event.id },
  );
  if (!result) return nothingDone(null, "no company for this checkout");
  // After the commit; a failure here fails the delivery and Stripe redelivers (the cancel is idempotent).
  if (result.duplicateSubscriptionId) await stripe.cancelSubscription(result.duplicateSubscriptionId);
  return {
    companyId: result.companyId,
    events: result.tierChange ? [{ event: "settings.changed", companyId: result.companyId }] : [],
    after: [() => writeThroughCompany(result.companyId)],
  };
};
