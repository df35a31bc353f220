import { recordKeys, type UserRecord } from "@/lib/gateway/records";
import { redisKey } from "@/lib/redis/client";
import { writeRecordIfNewer } from "./write-record-if-newer";

/**
 * Write-through after a session generation bump (lib/services/users/bump-session-generation.ts), so
 * the edge refuses older sessions on the next request. If Redis is away the record it holds expires
 * after RECORD_TTL_SECONDS and is reloaded from MySQL.
 */
export async function writeUserRecord(userId: string, generation: number): Promise<void> {
  const record: UserRecord = { id: userId, gen: generation, ver: generation };
  await writeRecordIfNewer(redisKey(recordKeys.user(userId)), record);
}
