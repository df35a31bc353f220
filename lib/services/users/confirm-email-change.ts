import { timingSafeEqual } from "node:crypto";
import { eq } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import { hashToken } from "@/lib/auth/hash-token";
import { users } from "@/lib/db/schema/users";
import { findDriverCode } from "@/lib/db/find-driver-code";
import { findOneOr404 } from "@/lib/db/tenant";
import { writeTransaction } from "@/lib/db/write-transaction";
import { writeUserRecord } from "@/lib/gateway/sync/write-user-record";
import { getRedis } from "@/lib/redis/client";
import type { Actor } from "@/lib/services/audit/actor-from-caller";
import { recordAudit } from "@/lib/services/audit/record-audit";
import { bumpSessionGeneration } from "./bump-session-generation";
import { emailChangeKey, readPendingEmailChange } from "./email-change-store";
import { emailTakenError } from "./request-email-change";

const unusable = () =>
  new ApiError(
    "unprocessable_entity",
    "This confirmation link has expired, was already used or was replaced by a newer one. Ask for a new one.",
  );

/**
 * The link of an email change was opened by the person it was sent for (signed in): the token must
 * hash to the pending one, not be past its expiry, and be claimed once (the pending change is
 * deleted, and only the request whose DEL removed it goes on). Then the address changes, audited, and
 * every session and token of the person ends (the sign-in identity moved; the route re-issues the
 * caller's own cookie with the returned generation, as a password change does).
 * A link for another person, a replaced, expired or used one all answer the same 422.
 */
export async function confirmEmailChange(
  userId: string,
  token: string,
  actor: Actor,
  now = new Date(),
): Promise<{ email: string; generation: number }> {
  const pending = await readPendingEmailChange(userId);
  const presented = Buffer.from(await hashToken(token), "hex");
  if (!pending || presented.length !== 32 || !timingSafeEqual(presented, Buffer.from(pending.tokenHash, "hex"))) throw unusable();
  if (Date.parse(pending.expiresAt) <= now.getTime()) {
    await getRedis().del(emailChangeKey(userId));
    throw unusable();
  }
  // Single use: of two requests racing with the same link, only one deletes the pending change.
  if ((await getRedis().del(emailChangeKey(userId))) !== 1) throw unusable();
  let generation: number;
  try {
    generation = await writeTransaction(async (tx) => {
      const current = await findOneOr404(
        tx.select({ email: users.email }).from(users).where(eq(users.id, userId)).limit(1).for("update"),
        "No such user.",
      );
      await tx.update(users).set({ email: pending.email, emailVerifiedAt: now, updatedAt: now }).where(eq(users.id, userId));
      await recordAudit(
        {
          companyId: null,
          actor,
          action: "user.email_changed",
          targetType: "user",
          targetId: userId,
          metadata: { from: current.email, to: pending.email },
          at: now,
        },
        tx,
      );
      return bumpSessionGeneration(tx, userId, now);
    });
  } catch (err) {
    if (findDriverCode(err, ["ER_DUP_ENTRY"])) throw emailTakenError();
    throw err;
  }
  await writeUserRecord(userId, generation);
  return { email: pending.email, generation };
}
