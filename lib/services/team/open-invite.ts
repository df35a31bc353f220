import { eq } from "drizzle-orm";
import type { Role } from "@/lib/auth/roles";
import { invites, type Invite } from "@/lib/db/schema/invites";
import { findOneOr404, forCompany, type Tx } from "@/lib/db/tenant";
import { createId } from "@/lib/ids/create-id";
import type { Actor } from "@/lib/services/audit/actor-from-caller";
import { recordAudit } from "@/lib/services/audit/record-audit";
import { generateInviteToken } from "./generate-invite-token";
import { INVITE_TTL_SECONDS } from "./schemas";

/**
 * Inside the caller's transaction: a new invite row (7 days, the token stored only as its hash)
 * and its audit entry. Returns the row and the token, which only the email will carry.
 */
export async function openInvite(
  tx: Tx,
  input: { companyId: string; email: string; role: Role; invitedBy: string; actor: Actor; now: Date; resentFrom?: string },
): Promise<{ invite: Invite; token: string }> {
  const { token, tokenHash } = await generateInviteToken();
  const id = createId("invite", { at: input.now });
  await tx.insert(invites).values({
    id,
    companyId: input.companyId,
    email: input.email,
    role: input.role,
    tokenHash,
    expiresAt: new Date(input.now.getTime() + INVITE_TTL_SECONDS * 1000),
    invitedBy: input.invitedBy,
    createdAt: input.now,
  });
  await recordAudit(
    {
      companyId: input.companyId,
      actor: input.actor,
      action: input.resentFrom ? "invite.resent" : "invite.created",
      targetType: "invite",
      targetId: id,
      metadata: { email: input.email, role: input.role, ...(input.resentFrom ? { replaces: input.resentFrom } : {}) },
      at: input.now,
    },
    tx,
  );
  const invite = await findOneOr404(
    tx
      .select()
      .from(invites)
      .where(forCompany(invites, input.companyId, eq(invites.id, id))),
  );
  return { invite, token };
}
