import { eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { companies } from "@/lib/db/schema/companies";
import { findOneOr404 } from "@/lib/db/tenant";
import { companyLimits } from "@/lib/gateway/rate-limit/policy";
import { subscriptionSchema, type Subscription } from "./schemas";

/**
 * The company's plan as the Stripe webhooks left it (apply-subscription.ts): tier, Stripe status,
 * period end, a pending cancellation, and the limits the tier (with any platform override) buys.
 * One primary-key read.
 */
export async function getSubscription(companyId: string): Promise<Subscription> {
  const c = await findOneOr404(getDb().select().from(companies).where(eq(companies.id, companyId)).limit(1), "Company not found.");
  return subscriptionSchema.parse({
    tier: c.tier,
    status: c.subscriptionStatus ?? (c.stripeSubscriptionId ? "active" : "none"),
    currentPeriodEnd: c.currentPeriodEnd?.toISOString() ?? null,
    cancelAtPeriodEnd: c.cancelAtPeriodEnd,
    hasBillingAccount: c.stripeCustomerId !== null,
    hasSubscription: c.stripeSubscriptionId !== null,
    limits: companyLimits(c.tier, c.limitOverrides),
    usageAlertPercent: c.usageAlertPercent ?? null,
  });
}
