import { eq } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import type { Invite } from "@/lib/db/schema/invites";
import { memberships } from "@/lib/db/schema/memberships";
import { users } from "@/lib/db/schema/users";
import { forCompany, type Tx } from "@/lib/db/tenant";
import { roleRank } from "./role-ceiling";

/**
 * An invite speaks for the person who sent it only while they could still send it: still a member
 * holding the invite's role or a stronger one (or a platform admin, who invites as owner without
 * being a member). Otherwise 409 `inviter_lost_access`. Removal and demotion revoke such invites
 * already (revokeMemberInvites); this refuses any that escaped.
 */
export async function assertInviterStanding(tx: Tx, invite: Invite): Promise<void> {
  const [member] = await tx
    .select({ role: memberships.role })
    .from(memberships)
    .where(forCompany(memberships, invite.companyId, eq(memberships.userId, invite.invitedBy)))
    .limit(1);
  if (member && roleRank(member.role) >= roleRank(invite.role)) return;
  if (!member) {
    const [person] = await tx
      .select({ pa: users.isPlatformAdmin, disabledAt: users.disabledAt })
      .from(users)
      .where(eq(users.id, invite.invitedBy))
      .limit(1);
    if (person?.pa && !person.disabledAt) return;
  }
  throw new ApiError(
    "conflict",
    "The person who sent this invite can no longer invite you with this role. Ask an owner or admin for a new invite.",
    {
      details: { reason: "inviter_lost_access" },
    },
  );
}
