import { applyStripeSubscriptionEvent } from "./apply-stripe-subscription-event";
import type { WebhookEventHandler } from "./types";

/**
 * Stripe customer.subscription.created / .updated: the tier the subscription pays for (a plan change
 * in the portal, a card that failed for good, a trial that ended), applied only if the event is not
 * older than the last one applied; the edge applies the new limits on the next request.
 */
export const stripeSubscriptionUpdated: WebhookEventHandler = (ctx) => applyStripeSubscriptionEvent(ctx, { deleted: false });
