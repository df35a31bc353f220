import type { CallOptions } from "../http/call-vendor";
import { createCheckoutSession, expireCheckoutSession, getCheckoutSession, type BillingCompany } from "./checkout";
import { stripeConnection, type StripeClientOptions } from "./connection";
import { createPortalSession } from "./portal";
import type { PaidTier } from "./prices";
import { cancelSubscription, getSubscription, type SubscriptionSummary } from "./subscription";

/** Billing through the official `stripe` package (platform account: STRIPE_SECRET_KEY). */
export function createStripeClient(opts: StripeClientOptions = {}) {
  const conn = stripeConnection(opts);
  return {
    createCheckoutSession: (company: BillingCompany, tier: PaidTier, o?: Parameters<typeof createCheckoutSession>[3]) =>
      createCheckoutSession(conn, company, tier, o),
    getCheckoutSession: (sessionId: string) => getCheckoutSession(conn, sessionId),
    expireCheckoutSession: (sessionId: string) => expireCheckoutSession(conn, sessionId),
    cancelSubscription: (id: string) => cancelSubscription(conn, id),
    createPortalSession: (customerId: string, o?: Parameters<typeof createPortalSession>[2]) => createPortalSession(conn, customerId, o),
    getSubscription: (id: string, o?: CallOptions<SubscriptionSummary>) => getSubscription(conn, id, o),
  };
}

export type StripeClient = ReturnType<typeof createStripeClient>;
