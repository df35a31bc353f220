import { eq } from "drizzle-orm";
import { memberships } from "@/lib/db/schema/memberships";
import { forCompany } from "@/lib/db/tenant";
import { writeTransaction } from "@/lib/db/write-transaction";
import { writeUserRecord } from "@/lib/gateway/sync/write-user-record";
import type { Actor } from "@/lib/services/audit/actor-from-caller";
import { recordAudit } from "@/lib/services/audit/record-audit";
import { bumpSessionGeneration } from "@/lib/services/users/bump-session-generation";
import { lockMember } from "./lock-member";

export interface RemoveMemberInput {
  companyId: string;
  userId: string;
  actor: Actor;
  now?: Date;
}

/**
 * Removes a person from the company (team:manage; owner rules in lockMember). Their sessions and
 * access tokens end at the edge on the next request, and their refresh tokens are revoked
 * (bumpSessionGeneration).
 */
export async function removeMember(input: RemoveMemberInput): Promise<void> {
  const now = input.now ?? new Date();
  const generation = await writeTransaction(async (tx) => {
    const member = await lockMember(tx, { ...input, nextRole: null });
    await tx.delete(memberships).where(forCompany(memberships, input.companyId, eq(memberships.id, member.id)));
    await recordAudit(
      {
        companyId: input.companyId,
        actor: input.actor,
        action: "member.removed",
        targetType: "user",
        targetId: input.userId,
        metadata: { role: member.role },
        at: now,
      },
      tx,
    );
    return bumpSessionGeneration(tx, input.userId, now);
  });
  await writeUserRecord(input.userId, generation);
}
