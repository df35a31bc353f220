import { writeTransaction } from "@/lib/db/write-transaction";
import type { SubscriptionSummary } from "@/lib/integrations/stripe/subscription";
import { applySubscription, type SubscriptionOutcome, type SubscriptionStamp } from "./apply-subscription";
import { lockStripeCompany } from "./lock-stripe-company";

/**
 * A subscription event (created, updated, deleted): finds and locks the company (its Stripe
 * customer, else the company id our checkout put in the metadata) and applies the subscription in
 * Stripe's event order (applySubscription), in one transaction. The caller writes the company's
 * edge record through after it (writeThroughCompany). Null when no company matches.
 */
export async function applySubscriptionEvent(
  sub: SubscriptionSummary,
  stamp: SubscriptionStamp,
): Promise<(SubscriptionOutcome & { companyId: string }) | null> {
  return writeTransaction(async (tx) => {
    const company = await lockStripeCompany(tx, { customerId: sub.customerId, companyId: sub.metadata.companyId });
    if (!company) return null;
    return { companyId: company.id, ...(await applySubscription(tx, company, sub, stamp)) };
  });
}
