import { eq, inArray, isNull } from "drizzle-orm";
import { grantableScopes } from "@/lib/auth/permissions";
import type { Role } from "@/lib/auth/roles";
import { apiKeys, type ApiKey } from "@/lib/db/schema/api-keys";
import { users } from "@/lib/db/schema/users";
import { forCompany, type Tx } from "@/lib/db/tenant";
import type { Actor } from "@/lib/services/audit/actor-from-caller";
import { recordAudit } from "@/lib/services/audit/record-audit";

export interface RevokeMemberApiKeysInput {
  companyId: string;
  userId: string;
  /** The role the person keeps: their keys holding a scope it cannot grant are revoked. Null: removed, every key goes. */
  nextRole: Role | null;
  actor: Actor;
  now: Date;
}

/**
 * A key never outlives its creator's access: inside the transaction that removes or demotes a
 * member, revokes the company's unrevoked keys they created (a key made by a key counts as its
 * creator's) that the person could no longer create. Returns the revoked rows: write each through
 * with writeApiKeyRecord once the transaction has committed, so the edge refuses them at once.
 */
export async function revokeMemberApiKeys(tx: Tx, input: RevokeMemberApiKeysInput): Promise<ApiKey[]> {
  const live = await tx
    .select()
    .from(apiKeys)
    .where(forCompany(apiKeys, input.companyId, eq(apiKeys.createdBy, input.userId), isNull(apiKeys.revokedAt)))
    .for("update");
  if (live.length === 0) return [];
  let allowed: readonly string[] = [];
  if (input.nextRole) {
    const [person] = await tx.select({ pa: users.isPlatformAdmin }).from(users).where(eq(users.id, input.userId)).limit(1);
    allowed = grantableScopes(input.nextRole, Boolean(person?.pa));
  }
  const doomed = live.filter((key) => key.scopes.some((scope) => !allowed.includes(scope)));
  if (doomed.length === 0) return [];
  const ids = doomed.map((key) => key.id);
  await tx
    .update(apiKeys)
    .set({ revokedAt: input.now, updatedAt: input.now })
    .where(forCompany(apiKeys, input.companyId, inArray(apiKeys.id, ids)));
  for (const key of doomed) {
    await recordAudit(
      {
        companyId: input.companyId,
        actor: input.actor,
        action: "api_key.revoked",
        targetType: "api_key",
        targetId: key.id,
        metadata: { name: key.name, prefix: key.prefix, reason: input.nextRole ? "creator_role_changed" : "creator_removed" },
        at: input.now,
      },
      tx,
    );
  }
  return tx
    .select()
    .from(apiKeys)
    .where(forCompany(apiKeys, input.companyId, inArray(apiKeys.id, ids)));
}
