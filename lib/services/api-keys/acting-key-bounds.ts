import { eq } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import { apiKeys } from "@/lib/db/schema/api-keys";
import { forCompany, type DbExecutor } from "@/lib/db/tenant";
import { apiKeyRecordFromRow } from "@/lib/gateway/sync/api-key-record-from-row";
import { apiKeyRecordStatus } from "@/lib/gateway/sync/api-key-record-status";
import type { Actor } from "@/lib/services/audit/actor-from-caller";

/** How far a key that manages keys reaches: null when a person acts. */
export interface ActingKeyBounds {
  /** The acting key's own expiry: a key it creates or rotates may not live longer (null = it never expires). */
  expiresAt: Date | null;
}

/**
 * When a key creates, rotates or revokes keys it must itself be fully active: a key in its rotation
 * grace period (or one that stopped working since the edge let the request in) may only read. 403 else.
 */
export async function actingKeyBounds(db: DbExecutor, companyId: string, actor: Actor, now: Date): Promise<ActingKeyBounds | null> {
  if (!actor.apiKeyId) return null;
  const [row] = await db
    .select()
    .from(apiKeys)
    .where(forCompany(apiKeys, companyId, eq(apiKeys.id, actor.apiKeyId)))
    .limit(1);
  const status = row ? apiKeyRecordStatus(apiKeyRecordFromRow(row), now.getTime()) : "revoked";
  if (!row || status !== "active") {
    throw new ApiError("forbidden", "This key has been rotated or revoked; until it stops working it can only read.", {
      details: { status },
    });
  }
  return { expiresAt: row.expiresAt };
}
