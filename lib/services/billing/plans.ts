import type { Tier } from "@/lib/db/schema/companies";

/**
 * What each plan costs and includes, for the billing page's comparison. The rate limits a plan buys
 * come from the policy table (lib/gateway/rate-limit/policy.ts); the price Stripe charges is Stripe's
 * (these mirror the default prices). Call minutes are not metered by the gateway: the meter shows them
 * against the plan's included minutes.
 */
export const PLANS = {
  FREE: { priceCents: 0, includedCallMinutes: 100 },
  PRO: { priceCents: 9_900, includedCallMinutes: 1_000 },
  ENTERPRISE: { priceCents: 49_900, includedCallMinutes: 10_000 },
  UNLIMITED: { priceCents: 199_900, includedCallMinutes: null },
} as const satisfies Record<Tier, { priceCents: number; includedCallMinutes: number | null }>;
