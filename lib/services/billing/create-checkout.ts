import { and, eq, isNull } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import { getDb } from "@/lib/db/client";
import { companies } from "@/lib/db/schema/companies";
import { findOneOr404 } from "@/lib/db/tenant";
import { createStripeClient } from "@/lib/integrations/stripe/client";
import type { PaidTier } from "@/lib/integrations/stripe/prices";
import type { VendorDeps } from "@/lib/integrations/vendor-deps";
import { checkoutSchema } from "./schemas";

/**
 * A Stripe Checkout session for the company to buy a paid tier; the client sends the person to
 * `url`. Every Stripe POST carries an idempotency key named after the operation (customer per
 * company, session per company + tier + day: lib/integrations/stripe/checkout.ts), so a double
 * click or a retried request answers the same session. The Stripe customer created on the first
 * checkout is stored on the company (only if it still has none). The tier itself changes when
 * Stripe's webhook says the subscription is paid, not here. A company that already has a
 * subscription changes plan in the billing portal instead (409).
 */
export async function createCheckout(
  companyId: string,
  tier: PaidTier,
  opts: { successUrl?: string; cancelUrl?: string } = {},
  deps: VendorDeps = {},
): Promise<{ sessionId: string; url: string }> {
  const req = checkoutSchema.parse({ tier, ...opts });
  const db = getDb();
  const company = await findOneOr404(db.select().from(companies).where(eq(companies.id, companyId)).limit(1), "Company not found.");
  if (company.stripeSubscriptionId)
    throw new ApiError("conflict", "The company already has a subscription: change the plan in the billing portal.");
  const stripe = deps.stripe ?? createStripeClient();
  const session = await stripe.createCheckoutSession(
    { id: company.id, name: company.name, billingEmail: company.billingEmail, stripeCustomerId: company.stripeCustomerId },
    req.tier,
    { successUrl: req.successUrl, cancelUrl: req.cancelUrl },
  );
  if (session.customerCreated) {
    await db
      .update(companies)
      .set({ stripeCustomerId: session.customerId })
      .where(and(eq(companies.id, company.id), isNull(companies.stripeCustomerId)));
  }
  return { sessionId: session.sessionId, url: session.url };
}
