import { eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { apiKeys } from "@/lib/db/schema/api-keys";
import { NEGATIVE, NEGATIVE_TTL_SECONDS, recordKeys, type ApiKeyRecord } from "@/lib/gateway/records";
import { getRedis, redisKey } from "@/lib/redis/client";
import { apiKeyRecordFromRow } from "./api-key-record-from-row";
import { writeRecordIfNewer } from "./write-record-if-newer";

/**
 * The edge missed `ak:<hash>` in Redis: read the key from MySQL and fill the record, or remember for
 * NEGATIVE_TTL_SECONDS that no key has this hash (random guesses then stay in Redis).
 *
 * Fills go through writeRecordIfNewer: a write-through that landed between our read and our write
 * (a revocation) carries a newer version than what we read, and wins.
 */
export async function loadApiKeyRecordByHash(keyHash: string): Promise<ApiKeyRecord | null> {
  if (!/^[0-9a-f]{64}$/.test(keyHash)) return null;
  const [row] = await getDb().select().from(apiKeys).where(eq(apiKeys.keyHash, keyHash)).limit(1);
  const key = redisKey(recordKeys.apiKey(keyHash));
  if (!row) {
    await getRedis().set(key, NEGATIVE, { nx: true, ex: NEGATIVE_TTL_SECONDS });
    return null;
  }
  const record = apiKeyRecordFromRow(row);
  await writeRecordIfNewer(key, record);
  return record;
}
