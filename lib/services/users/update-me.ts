import { eq } from "drizzle-orm";
import type { Role } from "@/lib/auth/roles";
import { users } from "@/lib/db/schema/users";
import { findOneOr404 } from "@/lib/db/tenant";
import { writeTransaction } from "@/lib/db/write-transaction";
import type { Actor } from "@/lib/services/audit/actor-from-caller";
import { recordAudit } from "@/lib/services/audit/record-audit";
import type { MeView, UpdateMeInput } from "@/lib/services/settings/schemas";
import { getMe } from "./get-me";
import { requestEmailChange } from "./request-email-change";

/**
 * The person's own profile: a new name applies at once (audited); a new email address starts a
 * confirmation (requestEmailChange) and changes nothing until its link is opened.
 */
export async function updateMe(
  userId: string,
  input: UpdateMeInput,
  ctx: { actor: Actor; role: Role | null; isPlatformAdmin: boolean },
  now = new Date(),
): Promise<MeView> {
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
  if (input.email !== undefined && input.email !== user.email) await requestEmailChange(userId, user.name, input.email, now);
  return getMe(userId, ctx, now);
}
