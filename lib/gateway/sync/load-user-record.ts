import { eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { users } from "@/lib/db/schema/users";
import { NEGATIVE, NEGATIVE_TTL_SECONDS, recordKeys, type UserRecord } from "@/lib/gateway/records";
import { isId } from "@/lib/ids/is-id";
import { getRedis, redisKey } from "@/lib/redis/client";
import { writeRecordIfNewer } from "./write-record-if-newer";

/**
 * The edge missed `us:<id>` (first request after a Redis flush or restart, or the record expired):
 * read the person's session generation from MySQL and fill it, so a generation bumped before the
 * restart still refuses old cookies after it. A user id MySQL does not have is remembered as
 * NEGATIVE briefly (its sessions are refused). A bump that lands after our read has a higher
 * generation and wins.
 */
export async function loadUserRecord(userId: string): Promise<UserRecord | null> {
  const key = redisKey(recordKeys.user(userId));
  const [row] = isId(userId, "user")
    ? await getDb().select({ gen: users.sessionGeneration }).from(users).where(eq(users.id, userId)).limit(1)
    : [];
  if (!row) {
    await getRedis().set(key, NEGATIVE, { nx: true, ex: NEGATIVE_TTL_SECONDS });
    return null;
  }
  const record: UserRecord = { id: userId, gen: row.gen, ver: row.gen };
  await writeRecordIfNewer(key, record);
  return record;
}
