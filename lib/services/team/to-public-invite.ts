import type { Invite } from "@/lib/db/schema/invites";
import type { PublicInvite } from "./schemas";

/** The status an invite has at `now`: accepted and revoked are final, else it expires with time. */
export function inviteStatus(invite: Pick<Invite, "acceptedAt" | "revokedAt" | "expiresAt">, now: Date): PublicInvite["status"] {
  if (invite.acceptedAt) return "accepted";
  if (invite.revokedAt) return "revoked";
  return invite.expiresAt.getTime() <= now.getTime() ? "expired" : "pending";
}

/** An invite row as responses show it: never the token's hash. */
export function toPublicInvite(invite: Invite, invitedByName: string | null, now: Date): PublicInvite {
  return {
    id: invite.id,
    email: invite.email,
    role: invite.role,
    status: inviteStatus(invite, now),
    invitedBy: invite.invitedBy,
    invitedByName,
    expiresAt: invite.expiresAt.toISOString(),
    createdAt: invite.createdAt.toISOString(),
  };
}
