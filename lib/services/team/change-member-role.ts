import { eq } from "drizzle-orm";
import type { Role } from "@/lib/auth/roles";
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

export interface ChangeMemberRoleInput {
  companyId: string;
  userId: string;
  role: Role;
  actor: Actor;
  now?: Date;
}

/**
 * Gives a member another role (team:manage; owner rules in lockMember). Their sessions, access
 * tokens and refresh tokens end (bumpSessionGeneration), so the new role applies from their next
 * sign-in; the company's API keys they created with a scope the new role cannot grant are revoked
 * (written through to the edge), and so are their open invites for a role above the new one. Setting the role they already have changes nothing.
 */
export async function changeMemberRole(input: ChangeMemberRoleInput): Promise<{ role: Role; changed: boolean }> {
  const now = input.now ?? new Date();
  const result = await writeTransaction(async (tx) => {
    const member = await lockMember(tx, { ...input, nextRole: input.role });
    if (member.role === input.role) return { changed: false, generation: null, keys: [] };
    const keys = await revokeMemberApiKeys(tx, { ...input, nextRole: input.role, now });
    await revokeMemberInvites(tx, { ...input, nextRole: input.role, now });
    await tx
      .update(memberships)
      .set({ role: input.role, updatedAt: now })
      .where(forCompany(memberships, input.companyId, eq(memberships.id, member.id)));
    await recordAudit(
      {
        companyId: input.companyId,
        actor: input.actor,
        action: "member.role_changed",
        targetType: "user",
        targetId: input.userId,
        metadata: { from: member.role, to: input.role },
        at: now,
      },
      tx,
    );
    return { changed: true, generation: await bumpSessionGeneration(tx, input.userId, now), keys };
  });
  if (result.generation !== null) await writeUserRecord(input.userId, result.generation);
  for (const key of result.keys) await writeApiKeyRecord(key);
  return { role: input.role, changed: result.changed };
}
