import { eq } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import { weakPasswordReason } from "@/lib/auth/weak-password-reason";
import { getDb } from "@/lib/db/client";
import { users } from "@/lib/db/schema/users";
import { findOneOr404 } from "@/lib/db/tenant";
import type { Actor } from "@/lib/services/audit/actor-from-caller";
import { changePassword } from "./change-password";

/**
 * POST /api/v1/me/password: the new password must pass the same strength rules as an admin's
 * (length, variety, not known, not the email), then changePassword checks the current one (under the sign-in limiter: 429 past it) and ends
 * every session and token (the route re-issues the caller's own cookie). Field errors name the field.
 */
export async function changeOwnPassword(
  userId: string,
  input: { currentPassword: string; newPassword: string },
  actor: Actor,
): Promise<{ generation: number }> {
  const user = await findOneOr404(getDb().select({ email: users.email }).from(users).where(eq(users.id, userId)).limit(1), "No such user.");
  const weak = weakPasswordReason(input.newPassword, user.email);
  if (weak)
    throw new ApiError("validation_failed", undefined, { details: [{ field: "newPassword", message: `The new password ${weak}.` }] });
  return changePassword({ userId, ...input, actor });
}
