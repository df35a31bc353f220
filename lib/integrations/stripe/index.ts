export { createStripeClient, type StripeClient } from "./client";
export type { BillingCompany, CheckoutSessionResult } from "./checkout";
export type { StripeClientOptions } from "./connection";
export { invoiceSubscriptionId, parseStripeEvent, STRIPE_HANDLED_EVENTS, type ParsedStripeEvent, type StripeHandledEvent } from "./events";
export { isPaidTier, PAID_TIERS, priceForTier, stripePriceTable, tierForPrice, type PaidTier } from "./prices";
export { summarizeSubscription, type SubscriptionSummary } from "./subscription";
export { constructStripeEvent, stripeSignatureProblem, verifyStripeSignature, STRIPE_SIGNATURE_TOLERANCE_SEC } from "./webhook";
