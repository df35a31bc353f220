import { eq } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import type { Permission } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import { apiKeys, type ApiKeyEnvironment } from "@/lib/db/schema/api-keys";
import { findOneOr404, forCompany } from "@/lib/db/tenant";
import { writeApiKeyRecord } from "@/lib/gateway/sync/write-api-key-record";
import { errorForLog, logger } from "@/lib/log/logger";
import { createId } from "@/lib/ids/create-id";
import type { Actor } from "@/lib/services/audit/actor-from-caller";
import { recordAudit } from "@/lib/services/audit/record-audit";
import { actingKeyBounds } from "./acting-key-bounds";
import { assertApiKeyCap } from "./assert-api-key-cap";
import { assertGrantableScopes } from "./assert-grantable-scopes";
import { assertNotOutliving } from "./assert-not-outliving";
import { generateApiKeySecret } from "./generate-api-key-secret";
import { resolveCreatorId } from "./resolve-creator-id";
import type { CreatedApiKey } from "./schemas";
import { toPublicApiKey } from "./to-public-api-key";

export interface CreateApiKeyInput {
  companyId: string;
  actor: Actor;
  name: string;
  scopes: Permission[];
  environment?: ApiKeyEnvironment;
  expiresAt?: Date | null;
  now?: Date;
}

/**
 * Creates a key and returns its secret, the one time it is ever available. Scopes narrowed to the
 * creator's; a key creating a key gives it no later expiry than its own; cap per tier checked under a lock, row + audit in one transaction, then the edge
 * record written through.
 */
export async function createApiKey(input: CreateApiKeyInput): Promise<CreatedApiKey> {
  const now = input.now ?? new Date();
  const requestedExpiry = input.expiresAt ?? null;
  if (requestedExpiry && requestedExpiry.getTime() <= now.getTime()) {
    throw new ApiError("validation_failed", undefined, { details: [{ field: "expiresAt", message: "Must be in the future." }] });
  }
  assertGrantableScopes(input.actor, input.scopes);
  const environment = input.environment ?? "live";
  const secret = await generateApiKeySecret(environment);
  const id = createId("apiKey", { at: now });

  const row = await getDb().transaction(async (tx) => {
    await assertApiKeyCap(tx, input.companyId, now);
    // A key acting: it must be fully active, and what it creates expires no later than it does (by default exactly then).
    const bounds = await actingKeyBounds(tx, input.companyId, input.actor, now);
    const expiresAt = requestedExpiry ?? bounds?.expiresAt ?? null;
    assertNotOutliving(bounds, expiresAt);
    const createdBy = await resolveCreatorId(tx, input.companyId, input.actor);
    await tx.insert(apiKeys).values({
      id,
      companyId: input.companyId,
      createdBy,
      name: input.name,
      keyHash: secret.keyHash,
      prefix: secret.prefix,
      lastFour: secret.lastFour,
      environment,
      scopes: input.scopes,
      expiresAt,
      createdAt: now,
      updatedAt: now,
    });
    await recordAudit(
      {
        companyId: input.companyId,
        actor: input.actor,
        action: "api_key.created",
        targetType: "api_key",
        targetId: id,
        metadata: {
          name: input.name,
          prefix: secret.prefix,
          environment,
          scopes: input.scopes,
          expiresAt: expiresAt?.toISOString() ?? null,
        },
        at: now,
      },
      tx,
    );
    return findOneOr404(
      tx
        .select()
        .from(apiKeys)
        .where(forCompany(apiKeys, input.companyId, eq(apiKeys.id, id))),
    );
  });

  // The key is committed: if Redis is away the edge's miss path loads it from MySQL, so the secret
  // must still reach its owner (it is shown only once).
  await writeApiKeyRecord(row).catch((err: unknown) =>
    logger().warn({ ...errorForLog(err), apiKeyId: row.id }, "api key write-through failed; the edge will load it on first use"),
  );
  return { ...toPublicApiKey(row, now), key: secret.secret };
}
