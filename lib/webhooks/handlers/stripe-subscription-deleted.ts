import { applyStripeSubscriptionEvent } from "./apply-stripe-subscription-event";
import type { WebhookEventHandler } from "./types";

/** Stripe customer.subscription.deleted: the company is back on FREE (unless it has since moved to another subscription). */
export const stripeSubscriptionDeleted: WebhookEventHandler = (ctx) => applyStripeSubscriptionEvent(ctx, { deleted: true });
