import { eq } from "drizzle-orm";
import { companies, type Tier } from "@/lib/db/schema/companies";
import { writeTransaction } from "@/lib/db/write-transaction";
import type { SubscriptionSummary } from "@/lib/integrations/stripe/subscription";
import { applySubscription, type SubscriptionStamp } from "./apply-subscription";
import { lockStripeCompany } from "./lock-stripe-company";

/**
 * A completed subscription checkout: links the company (our client_reference_id, else the metadata)
 * to its Stripe customer and applies the subscription as Stripe has it now — read by the caller
 * before this transaction, so no network call holds a row lock; Stripe does not promise that
 * customer.subscription.created arrives first, or at all before this. Without a subscription only
 * the customer is linked. The company's open Checkout session is forgotten once it is this one. The
 * caller writes the company's edge record through after it. Null when no company matches.
 *
 * `duplicateSubscriptionId`: the checkout made a second subscription while the company's own still
 * pays (applySubscription refuses it); the caller cancels it at Stripe, after the commit.
 */
export async function applyCompletedCheckout(
  checkout: { customerId: string | null; companyId: string | null | undefined; sessionId?: string },
  subscription: SubscriptionSummary | null,
  stamp: SubscriptionStamp,
): Promise<{ companyId: string; tierChange: { from: Tier; to: Tier } | null; duplicateSubscriptionId?: string } | null> {
  return writeTransaction(async (tx) => {
    const company = await lockStripeCompany(tx, checkout);
    if (!company) return null;
    if (checkout.sessionId && company.stripeCheckoutSessionId === checkout.sessionId)
      await tx.update(companies).set({ stripeCheckoutSessionId: null }).where(eq(companies.id, company.id));
    if (subscription) {
      const outcome = await applySubscription(tx, company, subscription, stamp);
      return {
        companyId: company.id,
        tierChange: outcome.tierChange,
        ...(outcome.reason === "a second subscription" ? { duplicateSubscriptionId: subscription.id } : {}),
      };
    }
    if (!company.stripeCustomerId && checkout.customerId)
      await tx.update(companies).set({ stripeCustomerId: checkout.customerId }).where(eq(companies.id, company.id));
    return { companyId: company.id, tierChange: null };
  });
}
