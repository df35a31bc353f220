import bcrypt from "bcryptjs";
import { eq } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import { users } from "@/lib/db/schema/users";
import { findOneOr404 } from "@/lib/db/tenant";
import { writeTransaction } from "@/lib/db/write-transaction";
import { writeUserRecord } from "@/lib/gateway/sync/write-user-record";
import type { Actor } from "@/lib/services/audit/actor-from-caller";
import { recordAudit } from "@/lib/services/audit/record-audit";
import { bumpSessionGeneration } from "./bump-session-generation";
import { verifyCurrentPassword } from "./verify-current-password";

/** The cost the seed and DUMMY_HASH (lib/auth/verify-credentials.ts) use: a wrong email and a wrong password take the same time. */
const BCRYPT_ROUNDS = 10;

export interface ChangePasswordInput {
  userId: string;
  currentPassword: string;
  newPassword: string;
  actor: Actor;
  now?: Date;
}

/**
 * A person changes their own password (the current one proves it is them). Every session and access
 * token they hold ends at the edge on its next request; the caller re-issues the session it came
 * from with the returned generation (SPEC: a password change signs out every other session).
 * The current password is checked first, under the sign-in limiter (verifyCurrentPassword); the new
 * one is hashed only after that passed.
 */
export async function changePassword(input: ChangePasswordInput): Promise<{ generation: number }> {
  const now = input.now ?? new Date();
  if (input.newPassword.length < 12) {
    throw new ApiError("validation_failed", undefined, { details: [{ field: "newPassword", message: "Use at least 12 characters." }] });
  }
  const verified = await verifyCurrentPassword(input.userId, input.currentPassword, "currentPassword");
  const passwordHash = await bcrypt.hash(input.newPassword, BCRYPT_ROUNDS);
  const generation = await writeTransaction(async (tx) => {
    const user = await findOneOr404(
      tx.select({ hash: users.passwordHash }).from(users).where(eq(users.id, input.userId)).limit(1).for("update"),
    );
    // Changed by another request between the check and this lock: that one wins, this one proves nothing now.
    if (user.hash !== verified.hash) throw new ApiError("conflict", "Your password changed meanwhile. Reload and try again.");
    await tx.update(users).set({ passwordHash, updatedAt: now }).where(eq(users.id, input.userId));
    await recordAudit(
      { companyId: null, actor: input.actor, action: "user.password_changed", targetType: "user", targetId: input.userId, at: now },
      tx,
    );
    return bumpSessionGeneration(tx, input.userId, now);
  });
  await writeUserRecord(input.userId, generation);
  return { generation };
}
