import { eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import type { Invite } from "@/lib/db/schema/invites";
import { users } from "@/lib/db/schema/users";
import { appEnv } from "@/lib/env/app";
import { errorForLog, logger } from "@/lib/log/logger";
import { sendTeamInvite } from "./send-team-invite";

/**
 * After the invite committed: the email through the job queue (SendGrid, its breaker and retries in
 * the worker). Answers false instead of throwing when the queue cannot take it: the invite stands and
 * can be resent, and the client is told the email did not leave.
 */
export async function queueInviteEmail(invite: Invite, token: string): Promise<boolean> {
  try {
    const [inviter] = await getDb().select({ name: users.name }).from(users).where(eq(users.id, invite.invitedBy)).limit(1);
    await sendTeamInvite({
      companyId: invite.companyId,
      inviteId: invite.id,
      to: invite.email,
      role: invite.role,
      inviterName: inviter?.name || "A colleague",
      acceptUrl: `${appEnv().APP_URL.replace(/\/$/, "")}/invite/${token}`,
    });
    return true;
  } catch (err) {
    logger().warn({ ...errorForLog(err), inviteId: invite.id }, "invite email not queued; the invite can be resent");
    return false;
  }
}
