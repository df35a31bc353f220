import { eq } from "drizzle-orm";
import { users } from "@/lib/db/schema/users";
import { findOneOr404 } from "@/lib/db/tenant";
import { writeTransaction } from "@/lib/db/write-transaction";
import { writeUserRecord } from "@/lib/gateway/sync/write-user-record";
import type { Actor } from "@/lib/services/audit/actor-from-caller";
import { recordAudit } from "@/lib/services/audit/record-audit";
import { bumpSessionGeneration } from "./bump-session-generation";

export interface DisableUserInput {
  userId: string;
  actor: Actor;
  now?: Date;
}

/**
 * Locks a person out everywhere (a platform admin's action): sign-in refuses them, their refresh
 * tokens are revoked (bumpSessionGeneration), and every session and access token they hold is refused at the edge on its
 * next request. Idempotent.
 */
export async function disableUser(input: DisableUserInput): Promise<{ generation: number }> {
  const now = input.now ?? new Date();
  const generation = await writeTransaction(async (tx) => {
    const user = await findOneOr404(
      tx.select({ disabledAt: users.disabledAt }).from(users).where(eq(users.id, input.userId)).limit(1).for("update"),
      "No such user.",
    );
    if (!user.disabledAt) {
      await tx.update(users).set({ disabledAt: now, updatedAt: now }).where(eq(users.id, input.userId));
      await recordAudit(
        { companyId: null, actor: input.actor, action: "user.disabled", targetType: "user", targetId: input.userId, at: now },
        tx,
      );
    }
    return bumpSessionGeneration(tx, input.userId, now);
  });
  await writeUserRecord(input.userId, generation);
  return { generation };
}
