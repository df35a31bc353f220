import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { apiKeys } from "@/lib/db/schema/api-keys";

/** last_used_at is written at most once a minute per key; the gateway also throttles (ctx.touch). */
const TOUCH_INTERVAL_MS = 60_000;

/**
 * Records that a key was used: one conditional UPDATE, no read, no audit (use is not a change).
 * True when the row was written. updated_at is left alone: it tracks changes to the key.
 */
export async function touchApiKey(id: string, now: Date = new Date()): Promise<boolean> {
  const [res] = await getDb()
    .update(apiKeys)
    .set({ lastUsedAt: now, updatedAt: sql`${apiKeys.updatedAt}` })
    .where(and(eq(apiKeys.id, id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, new Date(now.getTime() - TOUCH_INTERVAL_MS)))));
  return res.affectedRows === 1;
}
