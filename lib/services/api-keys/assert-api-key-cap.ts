import { eq } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import { companies } from "@/lib/db/schema/companies";
import { findOneOr404, type Tx } from "@/lib/db/tenant";
import { resourceCap } from "@/lib/gateway/rate-limit/policy";
import { countActiveApiKeys } from "./count-active-api-keys";

/**
 * Layer 5's hard cap on keys that can still authenticate, keys in a rotation grace included (by tier,
 * or a platform admin's override). Locks the company row first, so two concurrent creations or
 * rotations are serialised and cannot both take the last slot. `replacing` is how many of the
 * counted keys stop working in the same transaction (a rotation without grace replaces one).
 */
export async function assertApiKeyCap(tx: Tx, companyId: string, now: Date, replacing = 0): Promise<void> {
  const company = await findOneOr404(
    tx
      .select({ tier: companies.tier, limitOverrides: companies.limitOverrides })
      .from(companies)
      .where(eq(companies.id, companyId))
      .for("update"),
    "No such company.",
  );
  const cap = resourceCap("apiKeys", company.tier, company.limitOverrides);
  const active = await countActiveApiKeys(tx, companyId, now);
  if (active - replacing >= cap) {
    throw new ApiError(
      "conflict",
      `This company already has ${active} API keys that can authenticate (keys in a rotation grace period count), the most its ${company.tier} plan allows (${cap}). Revoke a key, rotate with gracePeriodSeconds 0, or upgrade the plan.`,
      {
        details: { resource: "apiKeys", limit: cap, active, tier: company.tier },
      },
    );
  }
}
