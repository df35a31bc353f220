import { eq } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import { getDb } from "@/lib/db/client";
import { apiKeys } from "@/lib/db/schema/api-keys";
import { findOneOr404, forCompany } from "@/lib/db/tenant";
import { apiKeyRecordFromRow } from "@/lib/gateway/sync/api-key-record-from-row";
import { apiKeyRecordStatus } from "@/lib/gateway/sync/api-key-record-status";
import { writeApiKeyRecord } from "@/lib/gateway/sync/write-api-key-record";
import { createId } from "@/lib/ids/create-id";
import type { Actor } from "@/lib/services/audit/actor-from-caller";
import { recordAudit } from "@/lib/services/audit/record-audit";
import { actingKeyBounds } from "./acting-key-bounds";
import { assertApiKeyCap } from "./assert-api-key-cap";
import { assertGrantableScopes } from "./assert-grantable-scopes";
import { assertNotOutliving } from "./assert-not-outliving";
import { generateApiKeySecret } from "./generate-api-key-secret";
import { lockApiKey } from "./lock-api-key";
import { resolveCreatorId } from "./resolve-creator-id";
import { DEFAULT_GRACE_SECONDS, type RotatedApiKey } from "./schemas";
import { toPublicApiKey } from "./to-public-api-key";

export interface RotateApiKeyInput {
  companyId: string;
  actor: Actor;
  id: string;
  /** How long the old key keeps working (0 = stops at once). */
  gracePeriodSeconds?: number;
  now?: Date;
}

/**
 * Replaces a key with a new secret of the same name, scopes, environment and expiry. The old key
 * works until `now + grace` (the edge refuses it after graceExpiresAt). Counted against the cap while
 * the old key is in grace (both authenticate); with no grace it replaces one key. The actor's scopes must
 * cover the key's, and a key may not rotate a key into one that outlives it.
 */
export async function rotateApiKey(input: RotateApiKeyInput): Promise<RotatedApiKey> {
  const now = input.now ?? new Date();
  const grace = input.gracePeriodSeconds ?? DEFAULT_GRACE_SECONDS;
  const graceExpiresAt = new Date(now.getTime() + grace * 1000);

  const result = await getDb().transaction(async (tx) => {
    // The company row first (as creation does), then the key: the cap counts the old key while it is in grace.
    await assertApiKeyCap(tx, input.companyId, now, grace === 0 ? 1 : 0);
    const old = await lockApiKey(tx, input.companyId, input.id);
    const status = apiKeyRecordStatus(apiKeyRecordFromRow(old), now.getTime());
    if (status !== "active") {
      throw new ApiError("conflict", `Only an active key can be rotated; this one is ${status.replace("_", " ")}.`, {
        details: { status },
      });
    }
    assertGrantableScopes(input.actor, old.scopes, "You can only rotate a key whose scopes you hold.");
    assertNotOutliving(await actingKeyBounds(tx, input.companyId, input.actor, now), old.expiresAt);
    const createdBy = await resolveCreatorId(tx, input.companyId, input.actor);
    const secret = await generateApiKeySecret(old.environment);
    const newId = createId("apiKey", { at: now });

    await tx.insert(apiKeys).values({
      id: newId,
      companyId: input.companyId,
      createdBy,
      name: old.name,
      keyHash: secret.keyHash,
      prefix: secret.prefix,
      lastFour: secret.lastFour,
      environment: old.environment,
      scopes: old.scopes,
      expiresAt: old.expiresAt,
      rotatedFromId: old.id,
      createdAt: now,
      updatedAt: now,
    });
    await tx
      .update(apiKeys)
      .set({ rotatedToId: newId, graceExpiresAt, revokedAt: grace === 0 ? now : null, updatedAt: now })
      .where(forCompany(apiKeys, input.companyId, eq(apiKeys.id, old.id)));
    await recordAudit(
      {
        companyId: input.companyId,
        actor: input.actor,
        action: "api_key.rotated",
        targetType: "api_key",
        targetId: old.id,
        metadata: {
          name: old.name,
          prefix: old.prefix,
          rotatedToId: newId,
          newPrefix: secret.prefix,
          gracePeriodSeconds: grace,
          graceExpiresAt: graceExpiresAt.toISOString(),
        },
        at: now,
      },
      tx,
    );
    const byId = (id: string) =>
      findOneOr404(
        tx
          .select()
          .from(apiKeys)
          .where(forCompany(apiKeys, input.companyId, eq(apiKeys.id, id))),
      );
    return { created: await byId(newId), previous: await byId(old.id), secret: secret.secret };
  });

  // The new key first: if the second write fails, the old key still works until the retry or its grace.
  await writeApiKeyRecord(result.created);
  await writeApiKeyRecord(result.previous);
  return { ...toPublicApiKey(result.created, now), key: result.secret, previous: toPublicApiKey(result.previous, now) };
}
