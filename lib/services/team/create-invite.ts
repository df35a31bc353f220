import { and, eq, gt, isNull } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import type { Role } from "@/lib/auth/roles";
import { invites } from "@/lib/db/schema/invites";
import { memberships } from "@/lib/db/schema/memberships";
import { users } from "@/lib/db/schema/users";
import { forCompany } from "@/lib/db/tenant";
import { writeTransaction } from "@/lib/db/write-transaction";
import { resolveCreatorId } from "@/lib/services/api-keys/resolve-creator-id";
import type { Actor } from "@/lib/services/audit/actor-from-caller";
import { assertMemberCap } from "./assert-member-cap";
import { openInvite } from "./open-invite";
import { queueInviteEmail } from "./queue-invite-email";
import { withinCeiling } from "./role-ceiling";
import type { PublicInvite } from "./schemas";
import { toPublicInvite } from "./to-public-invite";

export interface CreateInviteInput {
  companyId: string;
  email: string;
  role: Role;
  actor: Actor;
  now?: Date;
}

const emailTaken = (message: string) => new ApiError("conflict", message, { details: [{ field: "email", message }] });

/**
 * Invites a person by email with a role no higher than the inviter's (team:manage). Refused with
 * 409 when they are already a member, already have an open invite (resend that one), or when the
 * members plus open invites fill the tier's seats. The invites-per-hour limit is the gateway's
 * layer 5 (`invites`). The email leaves through the job queue once the invite has committed.
 */
export async function createInvite(input: CreateInviteInput): Promise<PublicInvite> {
  const now = input.now ?? new Date();
  const email = input.email.trim().toLowerCase();
  if (!withinCeiling(input.actor, input.role)) {
    throw new ApiError("forbidden", "You cannot invite someone with a role above your own.", {
      details: [{ field: "role", message: "Above your own role." }],
    });
  }
  const { invite, token } = await writeTransaction(async (tx) => {
    await assertMemberCap(tx, input.companyId, { now, countOpenInvites: true });
    const [member] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(forCompany(memberships, input.companyId, eq(users.email, email)))
      .limit(1);
    if (member) throw emailTaken("This person is already a member.");
    const [open] = await tx
      .select({ id: invites.id })
      .from(invites)
      .where(
        forCompany(
          invites,
          input.companyId,
          eq(invites.email, email),
          and(isNull(invites.acceptedAt), isNull(invites.revokedAt), gt(invites.expiresAt, now)),
        ),
      )
      .limit(1);
    if (open) throw emailTaken("This email already has an open invite: resend it instead.");
    const invitedBy = await resolveCreatorId(tx, input.companyId, input.actor);
    return openInvite(tx, { companyId: input.companyId, email, role: input.role, invitedBy, actor: input.actor, now });
  });
  const emailQueued = await queueInviteEmail(invite, token);
  return { ...toPublicInvite(invite, null, now), emailQueued };
}
