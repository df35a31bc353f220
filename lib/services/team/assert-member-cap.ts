import { and, count, eq, gt, isNull } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import { companies } from "@/lib/db/schema/companies";
import { invites } from "@/lib/db/schema/invites";
import { memberships } from "@/lib/db/schema/memberships";
import { findOneOr404, type Tx } from "@/lib/db/tenant";
import { resourceCap } from "@/lib/gateway/rate-limit/policy";

/**
 * Layer 5's hard cap on members (by tier, or a platform admin's override). Locks the company row
 * first so two concurrent invites or acceptances cannot both take the last seat. An invite holds a
 * seat while it is open (`countOpenInvites`), so a company cannot send more invites than it has
 * seats; an acceptance counts members only (its own invite is the seat it fills).
 */
export async function assertMemberCap(tx: Tx, companyId: string, opts: { now: Date; countOpenInvites: boolean }): Promise<void> {
  const company = await findOneOr404(
    tx
      .select({ tier: companies.tier, limitOverrides: companies.limitOverrides })
      .from(companies)
      .where(eq(companies.id, companyId))
      .for("update"),
    "No such company.",
  );
  const cap = resourceCap("members", company.tier, company.limitOverrides);
  const [m] = await tx.select({ n: count() }).from(memberships).where(eq(memberships.companyId, companyId));
  const members = Number(m?.n ?? 0);
  let open = 0;
  if (opts.countOpenInvites) {
    const [i] = await tx
      .select({ n: count() })
      .from(invites)
      .where(and(eq(invites.companyId, companyId), isNull(invites.acceptedAt), isNull(invites.revokedAt), gt(invites.expiresAt, opts.now)));
    open = Number(i?.n ?? 0);
  }
  if (members + open >= cap) {
    throw new ApiError(
      "conflict",
      opts.countOpenInvites
        ? `This company has ${members} members and ${open} open invites, the most its ${company.tier} plan allows (${cap} seats). Revoke an invite, remove a member or upgrade the plan.`
        : `This company already has ${members} members, the most its ${company.tier} plan allows (${cap}). Ask an admin to make room or upgrade the plan.`,
      { details: { resource: "members", limit: cap, members, openInvites: open, tier: company.tier } },
    );
  }
}
