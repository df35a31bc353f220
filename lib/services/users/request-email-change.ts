import { randomBytes } from "node:crypto";
import { and, eq, ne } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import { hashToken } from "@/lib/auth/hash-token";
import { getDb } from "@/lib/db/client";
import { users } from "@/lib/db/schema/users";
import { appEnv } from "@/lib/env/app";
import { enqueue } from "@/lib/jobs/enqueue";
import { sealLink } from "@/lib/jobs/handlers/sealed-link";
import { getRedis } from "@/lib/redis/client";
import { EMAIL_CHANGE_TTL_SEC, emailChangeKey, type PendingEmailChange } from "./email-change-store";

/** Someone else already signs in with that address. */
export const emailTakenError = () =>
  new ApiError("conflict", "Another account uses this email address.", {
    details: [{ field: "email", message: "Another account uses this email address." }],
  });

/** 409 on `email` when another account signs in with that address. */
export async function assertEmailFree(userId: string, email: string): Promise<void> {
  const [taken] = await getDb()
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.email, email), ne(users.id, userId)))
    .limit(1);
  if (taken) throw emailTakenError();
}

/**
 * Starts an email change: a random token (32 bytes) whose SHA-256 is kept with the new address for
 * 24 h, and a link to the profile page carrying the token, mailed to the NEW address through the
 * email job (SendGrid; the link travels sealed through the queue). The address changes only when the
 * person, signed in, opens that link (confirmEmailChange). A second request replaces the first. The
 * CURRENT address is told at once ("email-change-notice"), so a hijacked session cannot move the
 * account away unheard.
 */
export async function requestEmailChange(
  userId: string,
  current: { name: string; email: string },
  email: string,
  now = new Date(),
): Promise<PendingEmailChange> {
  const name = current.name;
  await assertEmailFree(userId, email);

  const token = randomBytes(32).toString("base64url");
  const tokenHash = await hashToken(token);
  const pending: PendingEmailChange = { email, tokenHash, expiresAt: new Date(now.getTime() + EMAIL_CHANGE_TTL_SEC * 1000).toISOString() };
  await getRedis().set(emailChangeKey(userId), pending, { ex: EMAIL_CHANGE_TTL_SEC });
  const confirmUrl = `${appEnv().APP_URL.replace(/\/$/, "")}/settings/profile?confirmEmail=${token}`;
  await enqueue(
    "email-send",
    {
      template: "email-change",
      to: email,
      companyId: null,
      data: { name, confirmUrl: sealLink(confirmUrl), expiresAt: pending.expiresAt },
    },
    { jobId: `email-change-${tokenHash.slice(0, 32)}` },
  );
  await enqueue(
    "email-send",
    { template: "email-change-notice", to: current.email, companyId: null, data: { name, newEmail: email } },
    { jobId: `email-change-notice-${tokenHash.slice(0, 32)}` },
  );
  return pending;
}
