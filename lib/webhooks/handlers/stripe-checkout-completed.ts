import type Stripe from "stripe";
import { createStripeClient } from "@/lib/integrations/stripe/client";
import { parseStripeEvent } from "@/lib/integrations/stripe/events";
import { applyCompletedCheckout } from "@/lib/services/billing/apply-completed-checkout";
import { writeThroughCompany } from "@/lib/services/billing/write-through-company";
import { nothingDone, type WebhookEventHandler } from "./types";

/**
 * Stripe checkout.session.completed: the company bought a plan. Links the company (our
 * client_reference_id) to its Stripe customer and subscription, as Stripe has the subscription now
 * (applyCompletedCheckout), then writes the company's edge record through.
 */
export const stripeCheckoutCompleted: WebhookEventHandler = async ({ event }) => {
  const parsed = parseStripeEvent(event.payload as unknown as Pick<Stripe.Event, "id" | "type" | "created" | "data">);
  if (!parsed || parsed.type !== "checkout.session.completed") return nothingDone(null, "not a checkout event");
  const session = parsed.object;
  if (session.mode !== "subscription") return nothingDone(null, "not a subscription checkout");
  // Read before the transaction, so no network call holds a row lock.
  const subscription = session.subscription ? (await createStripeClient().getSubscription(session.subscription)).value : null;
  const result = await applyCompletedCheckout(
    { customerId: session.customer, companyId: session.client_reference_id ?? session.metadata?.companyId },
    subscription,
    { created: parsed.created, eventId: parsed.id, webhookEventId: event.id },
  );
  if (!result) return nothingDone(null, "no company for this checkout");
  return {
    companyId: result.companyId,
    events: result.tierChange ? [{ event: "settings.changed", companyId: result.companyId }] : [],
    after: [() => writeThroughCompany(result.companyId)],
  };
};
