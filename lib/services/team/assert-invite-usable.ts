import { ApiError } from "@/lib/api/errors";
import type { Invite } from "@/lib/db/schema/invites";
import { inviteStatus } from "./to-public-invite";

const REFUSALS = {
  accepted: "This invite has already been used. Sign in instead.",
  revoked: "This invite was withdrawn. Ask the person who invited you for a new one.",
  expired: "This invite has expired. Ask the person who invited you to resend it.",
} as const;

/** An invite that can still be accepted at `now`, or a 409 naming why not (`details.reason`). */
export function assertInviteUsable(invite: Invite | undefined, now: Date): Invite {
  if (!invite) throw new ApiError("not_found", "This invite link is not valid. Check that you copied all of it.");
  const status = inviteStatus(invite, now);
  if (status !== "pending") throw new ApiError("conflict", REFUSALS[status], { details: { reason: status } });
  return invite;
}
