import { eq } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import type { Role } from "@/lib/auth/roles";
import { getDb } from "@/lib/db/client";
import { users } from "@/lib/db/schema/users";
import { findOneOr404 } from "@/lib/db/tenant";
import { writeTransaction } from "@/lib/db/write-transaction";
import type { Actor } from "@/lib/services/audit/actor-from-caller";
import { recordAudit } from "@/lib/services/audit/record-audit";
import type { MeView, UpdateMeInput } from "@/lib/services/settings/schemas";
import { getMe } from "./get-me";
import { assertEmailFree, requestEmailChange } from "./request-email-change";
import { verifyCurrentPassword } from "./verify-current-password";

/**
 * The person's own profile: a new name applies at once (audited); a new email address needs the
 * current password (checked under the sign-in limiter) and starts a confirmation
 * (requestEmailChange), changing nothing until its link is opened. All or nothing: every check (the
 * password, a taken address) runs before anything is written.
 */
export async function updateMe(
  userId: string,
  input: UpdateMeInput,
  ctx: { actor: Actor; role: Role | null; isPlatformAdmin: boolean },
  now = new Date(),
): Promise<MeView> {
  const before = await findOneOr404(
    getDb().select({ email: users.email }).from(users).where(eq(users.id, userId)).limit(1),
    "No such user.",
  );
  const newEmail = input.email !== undefined && input.email !== before.email ? input.email : null;
  if (newEmail) {
    if (!input.currentPassword) {
      throw new ApiError("validation_failed", undefined, {
        details: [{ field: "currentPassword", message: "Enter your current password to change your email." }],
      });
    }
    await verifyCurrentPassword(userId, input.currentPassword, "currentPassword");
    await assertEmailFree(userId, newEmail);
  }
  const user = await writeTransaction(async (tx) => {
    const current = await findOneOr404(
      tx.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, userId)).limit(1).for("update"),
      "No such user.",
    );
    if (input.name !== undefined && input.name !== current.name) {
      await tx.update(users).set({ name: input.name, updatedAt: now }).where(eq(users.id, userId));
      await recordAudit(
        { companyId: null, actor: ctx.actor, action: "user.name_changed", targetType: "user", targetId: userId, at: now },
        tx,
      );
      return { ...current, name: input.name };
    }
    return current;
  });
  if (newEmail) await requestEmailChange(userId, user, newEmail, now);
  return getMe(userId, ctx, now);
}
