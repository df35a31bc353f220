import { boolean, mysqlEnum, mysqlTable, tinyint, uniqueIndex, varchar } from "drizzle-orm/mysql-core";
import { id, instant, json, timestamps } from "./util";

export const TIERS = ["FREE", "PRO", "ENTERPRISE", "UNLIMITED"] as const;
export type Tier = (typeof TIERS)[number];

export const COMPANY_STATUSES = ["active", "suspended"] as const;
export type CompanyStatus = (typeof COMPANY_STATUSES)[number];

/**
 * A platform admin's per-company changes to the rate-limit policy table, by layer:
 * `{ company: { perHour: 9000 }, endpoint: { calls: 1200 }, resource: { apiKeys: 50 } }`.
 * Absent layers and keys fall back to the tier's policy.
 */
export type LimitOverrides = Partial<Record<"global" | "user" | "company" | "endpoint" | "resource", Record<string, number>>>;

/** A tenant. Every tenant-owned row carries its id. */
export const companies = mysqlTable(
  "companies",
  {
    id: id(),
    name: varchar("name", { length: 191 }).notNull(),
    slug: varchar("slug", { length: 64 }).notNull(),
    tier: mysqlEnum("tier", TIERS).notNull().default("FREE"),
    status: mysqlEnum("status", COMPANY_STATUSES).notNull().default("active"),
    suspendedReason: varchar("suspended_reason", { length: 500 }),
    suspendedAt: instant("suspended_at"),
    limitOverrides: json<LimitOverrides>("limit_overrides"),
    /** IANA name; business hours, "today" on the dashboard and analytics buckets use it. */
    timezone: varchar("timezone", { length: 64 }).notNull().default("UTC"),
    billingEmail: varchar("billing_email", { length: 191 }),
    stripeCustomerId: varchar("stripe_customer_id", { length: 64 }),
    stripeSubscriptionId: varchar("stripe_subscription_id", { length: 64 }),
    /**
     * The newest Checkout session started for the company and not yet completed: a new checkout
     * expires it at Stripe first, so at most one can be paid (lib/services/billing/create-checkout.ts).
     */
    stripeCheckoutSessionId: varchar("stripe_checkout_session_id", { length: 255 }),
    /**
     * Stripe's `created` (whole seconds) of the newest subscription event applied to this company.
     * Stripe delivers events in any order and more than once: one older than this changes nothing
     * (lib/services/billing/apply-subscription.ts). Read and written under the company's row lock.
     * Null until the first one is applied.
     */
    stripeSubscriptionEventAt: instant("stripe_subscription_event_at"),
    /** The subscription's Stripe status as the newest applied event said (active, past_due …); null without one. */
    subscriptionStatus: varchar("subscription_status", { length: 32 }),
    /** End of the paid period (a cancellation or a downgrade at period end takes effect then). */
    currentPeriodEnd: instant("current_period_end"),
    cancelAtPeriodEnd: boolean("cancel_at_period_end").notNull().default(false),
    /** The owner's usage alert: one email when the current hour's requests reach this % of the company limit; null = off. */
    usageAlertPercent: tinyint("usage_alert_percent", { unsigned: true }),
    /** The clock hour the last usage alert went out for (at most one an hour, claimed by a conditional UPDATE). */
    usageAlertSentHour: instant("usage_alert_sent_hour"),
    ...timestamps,
  },
  (t) => [
    // URLs and the admin search address a company by slug.
    uniqueIndex("companies_slug_uq").on(t.slug),
    // Stripe webhooks name the customer, not the company: this is how they find the tenant.
    uniqueIndex("companies_stripe_customer_uq").on(t.stripeCustomerId),
  ],
);

export type Company = typeof companies.$inferSelect;
export type NewCompany = typeof companies.$inferInsert;
