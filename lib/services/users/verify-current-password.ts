import bcrypt from "bcryptjs";
import { eq } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import { releaseLoginAttempt } from "@/lib/auth/release-login-attempt";
import { getDb } from "@/lib/db/client";
import { users } from "@/lib/db/schema/users";
import { findOneOr404 } from "@/lib/db/tenant";
import { assertLoginAllowed } from "@/lib/services/auth/assert-login-allowed";

/**
 * A signed-in person proves it is them with their current password, under the same per-email
 * limiter as sign-in (an attempt reserved before bcrypt, given back on success): past the limit
 * 429 with Retry-After, a wrong password 403 on `field`. Returns the hash it checked, so the caller
 * can refuse a write if the password changed meanwhile.
 */
export async function verifyCurrentPassword(userId: string, password: string, field: string): Promise<{ email: string; hash: string }> {
  const user = await findOneOr404(
    getDb().select({ email: users.email, hash: users.passwordHash }).from(users).where(eq(users.id, userId)).limit(1),
    "No such user.",
  );
  await assertLoginAllowed(user.email);
  if (!user.hash || !(await bcrypt.compare(password, user.hash))) {
    const message = "The current password is not correct.";
    throw new ApiError("forbidden", message, { details: [{ field, message }] });
  }
  await releaseLoginAttempt(user.email);
  return { email: user.email, hash: user.hash };
}
