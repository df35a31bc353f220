import { eq } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import { invites } from "@/lib/db/schema/invites";
import { forCompany } from "@/lib/db/tenant";
import { writeTransaction } from "@/lib/db/write-transaction";
import { resolveCreatorId } from "@/lib/services/api-keys/resolve-creator-id";
import type { Actor } from "@/lib/services/audit/actor-from-caller";
import { assertMemberCap } from "./assert-member-cap";
import { lockInvite } from "./lock-invite";
import { openInvite } from "./open-invite";
import { queueInviteEmail } from "./queue-invite-email";
import { withinCeiling } from "./role-ceiling";
import type { PublicInvite } from "./schemas";
import { toPublicInvite } from "./to-public-invite";

/**
 * Resends an open or expired invite: in one transaction the old one is revoked (its link dies) and
 * a new one with a new token and a fresh 7 days takes its place, then the email is queued. Answers
 * the new invite (a new id). Accepted or revoked invites are not resent (409).
 */
export async function resendInvite(input: { companyId: string; id: string; actor: Actor; now?: Date }): Promise<PublicInvite> {
  const now = input.now ?? new Date();
  const { invite, token } = await writeTransaction(async (tx) => {
    // Invite row, then (if a seat is taken again) the company row: the order acceptInvite locks them in too.
    const old = await lockInvite(tx, input.companyId, input.id);
    if (old.acceptedAt) throw new ApiError("conflict", "This invite has already been accepted.");
    if (old.revokedAt) throw new ApiError("conflict", "This invite was revoked: send a new one.");
    if (!withinCeiling(input.actor, old.role)) throw new ApiError("forbidden", "This invite is for a role above your own.");
    await tx
      .update(invites)
      .set({ revokedAt: now })
      .where(forCompany(invites, input.companyId, eq(invites.id, old.id)));
    // An expired invite held no seat: taking one again must fit the cap (the revoked one no longer counts).
    if (old.expiresAt.getTime() <= now.getTime()) await assertMemberCap(tx, input.companyId, { now, countOpenInvites: true });
    const invitedBy = await resolveCreatorId(tx, input.companyId, input.actor);
    return openInvite(tx, {
      companyId: input.companyId,
      email: old.email,
      role: old.role,
      invitedBy,
      actor: input.actor,
      now,
      resentFrom: old.id,
    });
  });
  const emailQueued = await queueInviteEmail(invite, token);
  return { ...toPublicInvite(invite, null, now), emailQueued };
}
