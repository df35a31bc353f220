import { eq } from "drizzle-orm";
import { companies, type Company, type Tier } from "@/lib/db/schema/companies";
import type { Tx } from "@/lib/db/tenant";
import type { SubscriptionSummary } from "@/lib/integrations/stripe/subscription";
import { recordAudit } from "@/lib/services/audit/record-audit";

/** Statuses in which the company has what it pays for (past_due: Stripe is still retrying the card). */
const PAYING = new Set<SubscriptionSummary["status"]>(["active", "trialing", "past_due"]);
/** Statuses in which the subscription no longer pays for anything. */
const OVER = new Set<SubscriptionSummary["status"]>(["canceled", "unpaid", "incomplete_expired", "paused"]);

/** The subscription event being applied: Stripe's `created` (epoch s) and ids, for the order rule and the audit. */
export interface SubscriptionStamp {
  created: number;
  eventId: string;
  webhookEventId: string;
  /** customer.subscription.deleted: over, whatever status it names. */
  deleted?: boolean;
}

export interface SubscriptionOutcome {
  applied: boolean;
  /** Why it was not applied. */
  reason?: "older than the last applied event" | "another subscription" | "a second subscription" | "no change";
  tierChange: { from: Tier; to: Tier } | null;
}

/**
 * Applies what a subscription event says to the company (read and locked by the caller, so its
 * `stripeSubscriptionEventAt` is current): the tier it pays for (FREE once it is over; unchanged while
 * the first payment is incomplete or for a price that is not ours) and the Stripe ids. Events apply in
 * Stripe's order, not delivery order: one whose `created` is older than the company's
 * `stripe_subscription_event_at` changes nothing (equal seconds apply: Stripe emits related events
 * within the same second); an applied one moves it forward in the same UPDATE. An event about a
 * subscription the company has since replaced does not downgrade it. A tier change is audited
 * (`company.tier_changed`, actor stripe) in the same transaction; the caller writes the edge record
 * through after the commit.
 */
export async function applySubscription(
  tx: Tx,
  company: Company,
  sub: SubscriptionSummary,
  stamp: SubscriptionStamp,
): Promise<SubscriptionOutcome> {
  const eventAt = new Date(stamp.created * 1000);
  const last = company.stripeSubscriptionEventAt;
  if (last && eventAt.getTime() < last.getTime()) return { applied: false, reason: "older than the last applied event", tierChange: null };

  const over = stamp.deleted === true || OVER.has(sub.status);
  const current = company.stripeSubscriptionId;
  if (over && current !== null && current !== sub.id) return { applied: false, reason: "another subscription", tierChange: null };
  // A second live subscription while the company's own still pays (two Checkout sessions both paid):
  // it never replaces the first; the checkout.session.completed handler cancels it at Stripe.
  if (
    !over &&
    current !== null &&
    current !== sub.id &&
    company.subscriptionStatus !== null &&
    PAYING.has(company.subscriptionStatus as SubscriptionSummary["status"])
  )
    return { applied: false, reason: "a second subscription", tierChange: null };

  const changes: Partial<Company> = {};
  if (!company.stripeCustomerId) changes.stripeCustomerId = sub.customerId;
  let tier: Tier | null = null;
  if (over) {
    tier = "FREE";
    if (current !== null) changes.stripeSubscriptionId = null;
  } else {
    if (current !== sub.id) changes.stripeSubscriptionId = sub.id;
    if (PAYING.has(sub.status)) tier = sub.tier;
  }
  const tierChange = tier !== null && tier !== company.tier ? { from: company.tier, to: tier } : null;
  if (tierChange) changes.tier = tierChange.to;
  // What GET /api/v1/billing/subscription answers: status, period and a pending cancellation.
  const status = over ? null : sub.status;
  const periodEnd = over || sub.currentPeriodEnd === null ? null : new Date(sub.currentPeriodEnd * 1000);
  const cancelAtPeriodEnd = !over && sub.cancelAtPeriodEnd;
  if (company.subscriptionStatus !== status) changes.subscriptionStatus = status;
  if ((company.currentPeriodEnd?.getTime() ?? null) !== (periodEnd?.getTime() ?? null)) changes.currentPeriodEnd = periodEnd;
  if (company.cancelAtPeriodEnd !== cancelAtPeriodEnd) changes.cancelAtPeriodEnd = cancelAtPeriodEnd;

  const changed = Object.keys(changes).length > 0;
  await tx
    .update(companies)
    .set({ ...changes, stripeSubscriptionEventAt: eventAt })
    .where(eq(companies.id, company.id));
  if (tierChange) {
    await recordAudit(
      {
        companyId: company.id,
        actor: { userId: null, apiKeyId: null, ip: null, requestId: null },
        action: "company.tier_changed",
        targetType: "company",
        targetId: company.id,
        metadata: {
          from: tierChange.from,
          to: tierChange.to,
          actor: "system:stripe",
          subscriptionId: sub.id,
          subscriptionStatus: sub.status,
          stripeEventId: stamp.eventId,
          webhookEventId: stamp.webhookEventId,
        },
      },
      tx,
    );
  }
  return { applied: true, ...(changed ? {} : { reason: "no change" as const }), tierChange };
}
