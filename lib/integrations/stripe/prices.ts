import type { Tier } from "@/lib/db/schema/companies";
import { integrationsEnv } from "@/lib/env/integrations";

/** The tiers a company can buy; FREE has no price. */
export const PAID_TIERS = ["PRO", "ENTERPRISE", "UNLIMITED"] as const satisfies readonly Tier[];
export type PaidTier = (typeof PAID_TIERS)[number];

/** The one tier ↔ Stripe price table (price ids from env: test and live accounts differ). */
export function stripePriceTable(): Record<PaidTier, string> {
  const env = integrationsEnv();
  return { PRO: env.STRIPE_PRICE_PRO, ENTERPRISE: env.STRIPE_PRICE_ENTERPRISE, UNLIMITED: env.STRIPE_PRICE_UNLIMITED };
}

export function priceForTier(tier: PaidTier): string {
  return stripePriceTable()[tier];
}

/** The tier a price buys, or null for a price that is not ours (then change nothing). */
export function tierForPrice(priceId: string): PaidTier | null {
  const table = stripePriceTable();
  return PAID_TIERS.find((tier) => table[tier] === priceId) ?? null;
}

export function isPaidTier(tier: string): tier is PaidTier {
  return (PAID_TIERS as readonly string[]).includes(tier);
}
