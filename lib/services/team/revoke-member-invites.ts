import { eq, inArray, isNull } from "drizzle-orm";
import type { Role } from "@/lib/auth/roles";
import { invites } from "@/lib/db/schema/invites";
import { forCompany, type Tx } from "@/lib/db/tenant";
import type { Actor } from "@/lib/services/audit/actor-from-caller";
import { recordAudit } from "@/lib/services/audit/record-audit";
import { roleRank } from "./role-ceiling";

/**
 * An invite never outlives its sender's access: inside the transaction that removes, demotes or
 * hands ownership away from a member, revokes the company's open invites they sent (all of them when
 * removed, else those for a role above `nextRole`), each audited. acceptInvite checks the inviter
 * again as a second line.
 */
export async function revokeMemberInvites(
  tx: Tx,
  input: { companyId: string; userId: string; nextRole: Role | null; actor: Actor; now: Date },
): Promise<number> {
  const open = await tx
    .select()
    .from(invites)
    .where(forCompany(invites, input.companyId, eq(invites.invitedBy, input.userId), isNull(invites.acceptedAt), isNull(invites.revokedAt)))
    .for("update");
  const nextRank = input.nextRole ? roleRank(input.nextRole) : -1;
  const doomed = open.filter((invite) => roleRank(invite.role) > nextRank);
  if (doomed.length === 0) return 0;
  await tx
    .update(invites)
    .set({ revokedAt: input.now })
    .where(
      forCompany(
        invites,
        input.companyId,
        inArray(
          invites.id,
          doomed.map((invite) => invite.id),
        ),
      ),
    );
  for (const invite of doomed) {
    await recordAudit(
      {
        companyId: input.companyId,
        actor: input.actor,
        action: "invite.revoked",
        targetType: "invite",
        targetId: invite.id,
        metadata: { email: invite.email, role: invite.role, reason: input.nextRole ? "inviter_role_changed" : "inviter_removed" },
        at: input.now,
      },
      tx,
    );
  }
  return doomed.length;
}
