import { and, eq, isNull, type SQL } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import { getDb } from "@/lib/db/client";
import { companies, TIERS } from "@/lib/db/schema/companies";
import { findOneOr404 } from "@/lib/db/tenant";
import { createStripeClient } from "@/lib/integrations/stripe/client";
import type { PaidTier } from "@/lib/integrations/stripe/prices";
import type { VendorDeps } from "@/lib/integrations/vendor-deps";
import { checkoutSchema } from "./schemas";

/**
 * A Stripe Checkout session for the company to buy a paid tier; the client sends the person to
 * `url`. Every Stripe POST carries an idempotency key named after the operation (customer per
 * company, session per company + tier + day + the open session it replaces: lib/integrations/stripe/checkout.ts), so a double
 * click or a retried request answers the same session. The Stripe customer created on the first
 * checkout is stored on the company (only if it still has none). The tier itself changes when
 * Stripe's webhook says the subscription is paid, not here. A company that already has a
 * subscription changes plan in the billing portal instead (409), and a company whose paid tier has no
 * subscription (given by an admin) cannot check out to a lower tier (409).
 *
 * At most one open session per company: the new session's id is stored on the company
 * (`stripe_checkout_session_id`, only if it still names the session this request saw, else another
 * checkout started meanwhile: ours is expired and the answer is 409), and the previous open one is
 * expired at Stripe, so it can no longer be paid (two paid sessions would be two subscriptions). A
 * checkout for the tier of the open session answers that session (read from Stripe) instead.
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
  // A paid tier without a subscription was set by the platform (an admin): a checkout may keep or raise it, never lower it.
  if (company.tier !== "FREE" && TIERS.indexOf(req.tier) < TIERS.indexOf(company.tier))
    throw new ApiError(
      "conflict",
      `The company's plan is ${company.tier}, above ${req.tier}: a checkout cannot lower it. Ask the platform's support to change the plan.`,
    );
  const stripe = deps.stripe ?? createStripeClient();
  const previous = company.stripeCheckoutSessionId;
  if (previous) {
    // A second click (or another tab) for the same tier: the session still open answers, no new one.
    const open = await stripe.getCheckoutSession(previous);
    if (open.status === "open" && open.tier === req.tier && open.url) return { sessionId: open.sessionId, url: open.url };
  }
  const session = await stripe.createCheckoutSession(
    { id: company.id, name: company.name, billingEmail: company.billingEmail, stripeCustomerId: company.stripeCustomerId },
    req.tier,
    { successUrl: req.successUrl, cancelUrl: req.cancelUrl, previousSessionId: previous },
  );
  if (session.sessionId !== previous) {
    const sawPrevious: SQL =
      previous === null ? isNull(companies.stripeCheckoutSessionId) : eq(companies.stripeCheckoutSessionId, previous);
    const [stored] = await db
      .update(companies)
      .set({ stripeCheckoutSessionId: session.sessionId })
      .where(and(eq(companies.id, company.id), sawPrevious));
    if (stored.affectedRows === 0) {
      await stripe.expireCheckoutSession(session.sessionId);
      throw new ApiError("conflict", "Another checkout was started for the company at the same time; try again.");
    }
    if (previous) await stripe.expireCheckoutSession(previous);
  }
  if (session.customerCreated) {
    await db
      .update(companies)
      .set({ stripeCustomerId: session.customerId })
      .where(and(eq(companies.id, company.id), isNull(companies.stripeCustomerId)));
  }
  return { sessionId: session.sessionId, url: session.url };
}
