import type { ApiKey } from "@/lib/db/schema/api-keys";
import { apiKeyRecordFromRow } from "@/lib/gateway/sync/api-key-record-from-row";
import { apiKeyRecordStatus } from "@/lib/gateway/sync/api-key-record-status";
import { apiKeySchema, type PublicApiKey } from "./schemas";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A row as clients may see it, shaped through the response schema so no column (the hash) leaks. */
export function toPublicApiKey(row: ApiKey, now: Date = new Date()): PublicApiKey {
  return apiKeySchema.parse({
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    lastFour: row.lastFour,
    environment: row.environment,
    scopes: row.scopes,
    status: apiKeyRecordStatus(apiKeyRecordFromRow(row), now.getTime()),
    expiresAt: iso(row.expiresAt),
    lastUsedAt: iso(row.lastUsedAt),
    revokedAt: iso(row.revokedAt),
    graceExpiresAt: iso(row.graceExpiresAt),
    rotatedFromId: row.rotatedFromId,
    rotatedToId: row.rotatedToId,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
  });
}
