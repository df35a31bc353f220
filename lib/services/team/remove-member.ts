import { eq } from "drizzle-orm";
import { memberships } from "@/lib/db/schema/memberships";
import { forCompany } from "@/lib/db/tenant";
import { writeTransaction } from "@/lib/db/write-transaction";
import { writeApiKeyRecord } from "@/lib/gateway/sync/write-api-key-record";
import { writeUserRecord } from "@/lib/gateway/sync/write-user-record";
import { revokeMemberApiKeys } from "@/lib/services/api-keys/revoke-member-api-keys";
import type { Actor } from "@/lib/services/audit/actor-from-caller";
import { recordAudit } from "@/lib/services/audit/record-audit";
import { bumpSessionGeneration } from "@/lib/services/users/bump-session-generation";
import { lockMember } from "./lock-member";
import { revokeMemberInvites } from "./revoke-member-invites";

export interface RemoveMemberInput {
  companyId: string;
  userId: string;
  actor: Actor;
  now?: Date;
}

/**
 * Removes a person from the company (team:manage; owner rules in lockMember). Their sessions and
 * access tokens end at the edge on the next request, their refresh tokens are revoked
 * (bumpSessionGeneration), and so are the company's API keys they created (written through to the edge)
 * and the invites they sent that are still open.
 */
export async function removeMember(input: RemoveMemberInput): Promise<void> {
  const now = input.now ?? new Date();
  const { generation, keys } = await writeTransaction(async (tx) => {
    const member = await lockMember(tx, { ...input, nextRole: null });
    const keys = await revokeMemberApiKeys(tx, { ...input, nextRole: null, now });
    await revokeMemberInvites(tx, { ...input, nextRole: null, now });
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
    return { generation: await bumpSessionGeneration(tx, input.userId, now), keys };
  });
  await writeUserRecord(input.userId, generation);
  for (const key of keys) await writeApiKeyRecord(key);
}
