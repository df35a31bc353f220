import { eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { apiKeys } from "@/lib/db/schema/api-keys";
import { findOneOr404, forCompany } from "@/lib/db/tenant";
import { writeApiKeyRecord } from "@/lib/gateway/sync/write-api-key-record";
import type { Actor } from "@/lib/services/audit/actor-from-caller";
import { recordAudit } from "@/lib/services/audit/record-audit";
import { actingKeyBounds } from "./acting-key-bounds";
import { assertGrantableScopes } from "./assert-grantable-scopes";
import { lockApiKey } from "./lock-api-key";
import type { PublicApiKey } from "./schemas";
import { toPublicApiKey } from "./to-public-api-key";

export interface RevokeApiKeyInput {
  companyId: string;
  actor: Actor;
  id: string;
  now?: Date;
}

/**
 * Revokes a key at once, if the actor's scopes cover the key's (a narrow key cannot end a broader
 * one; a key in its rotation grace can revoke nothing). Idempotent: revoking a revoked key changes nothing but still rewrites
 * the edge record, so a retry after a failed Redis write repairs it.
 */
export async function revokeApiKey(input: RevokeApiKeyInput): Promise<PublicApiKey> {
  const now = input.now ?? new Date();
  const row = await getDb().transaction(async (tx) => {
    const current = await lockApiKey(tx, input.companyId, input.id);
    assertGrantableScopes(input.actor, current.scopes, "You can only revoke a key whose scopes you hold.");
    await actingKeyBounds(tx, input.companyId, input.actor, now);
    if (current.revokedAt === null) {
      await tx
        .update(apiKeys)
        .set({ revokedAt: now, updatedAt: now })
        .where(forCompany(apiKeys, input.companyId, eq(apiKeys.id, current.id)));
      await recordAudit(
        {
          companyId: input.companyId,
          actor: input.actor,
          action: "api_key.revoked",
          targetType: "api_key",
          targetId: current.id,
          metadata: { name: current.name, prefix: current.prefix },
          at: now,
        },
        tx,
      );
    }
    return findOneOr404(
      tx
        .select()
        .from(apiKeys)
        .where(forCompany(apiKeys, input.companyId, eq(apiKeys.id, current.id))),
    );
  });
  await writeApiKeyRecord(row);
  return toPublicApiKey(row, now);
}
