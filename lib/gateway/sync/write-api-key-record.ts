import type { ApiKey } from "@/lib/db/schema/api-keys";
import { recordKeys } from "@/lib/gateway/records";
import { getRedis, redisKey } from "@/lib/redis/client";
import { apiKeyRecordFromRow, type ApiKeyRecordSource } from "./api-key-record-from-row";

/**
 * Write-through after every change to a key (create, revoke, rotate). No TTL, and a revoked key is
 * written as revoked rather than deleted: a deleted record would read as a miss and could be
 * refilled from a stale read, a revoked one is refused by the edge at once.
 */
export async function writeApiKeyRecord(row: ApiKeyRecordSource & Pick<ApiKey, "keyHash">): Promise<void> {
  await getRedis().set(redisKey(recordKeys.apiKey(row.keyHash)), JSON.stringify(apiKeyRecordFromRow(row)));
}
