import type { ApiKey } from "@/lib/db/schema/api-keys";
import { recordKeys } from "@/lib/gateway/records";
import { redisKey } from "@/lib/redis/client";
import { apiKeyRecordFromRow, type ApiKeyRecordSource } from "./api-key-record-from-row";
import { writeRecordIfNewer } from "./write-record-if-newer";

/**
 * Write-through after every change to a key (create, revoke, rotate). A revoked key is written as
 * revoked rather than deleted, so the edge refuses it at once; the record expires after
 * RECORD_TTL_SECONDS and is reloaded from MySQL, which repairs a write-through that failed.
 */
export async function writeApiKeyRecord(row: ApiKeyRecordSource & Pick<ApiKey, "keyHash">): Promise<void> {
  await writeRecordIfNewer(redisKey(recordKeys.apiKey(row.keyHash)), apiKeyRecordFromRow(row));
}
