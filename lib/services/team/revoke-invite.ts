import { eq } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import { invites } from "@/lib/db/schema/invites";
import { forCompany } from "@/lib/db/tenant";
import { writeTransaction } from "@/lib/db/write-transaction";
import type { Actor } from "@/lib/services/audit/actor-from-caller";
import { recordAudit } from "@/lib/services/audit/record-audit";
import { lockInvite } from "./lock-invite";
import { withinCeiling } from "./role-ceiling";
import type { PublicInvite } from "./schemas";
import { toPublicInvite } from "./to-public-invite";

/**
 * Revokes an invite: its link stops working at once (idempotent). An accepted invite is history,
 * 409; an invite for a role above the actor's is theirs to leave alone, 403.
 */
export async function revokeInvite(input: { companyId: string; id: string; actor: Actor; now?: Date }): Promise<PublicInvite> {
  const now = input.now ?? new Date();
  const row = await writeTransaction(async (tx) => {
    const invite = await lockInvite(tx, input.companyId, input.id);
    if (invite.acceptedAt) throw new ApiError("conflict", "This invite has already been accepted: remove the member instead.");
    if (!withinCeiling(input.actor, invite.role)) throw new ApiError("forbidden", "This invite is for a role above your own.");
    if (invite.revokedAt) return invite;
    await tx
      .update(invites)
      .set({ revokedAt: now })
      .where(forCompany(invites, input.companyId, eq(invites.id, invite.id)));
    await recordAudit(
      {
        companyId: input.companyId,
        actor: input.actor,
        action: "invite.revoked",
        targetType: "invite",
        targetId: invite.id,
        metadata: { email: invite.email, role: invite.role },
        at: now,
      },
      tx,
    );
    return { ...invite, revokedAt: now };
  });
  return toPublicInvite(row, null, now);
}
