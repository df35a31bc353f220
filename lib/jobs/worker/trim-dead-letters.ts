import { getRedis } from "@/lib/redis/client";
import { DEAD_LETTER_CAP } from "../dead-letters";
import { jobKeys } from "../keys";

/** Keeps the dead-letter hashes bounded: beyond the cap, the oldest entries go (they remain in BullMQ's failed set for a week). */
export async function trimDeadLetters(cap = DEAD_LETTER_CAP): Promise<number> {
  const redis = getRedis();
  let removed = 0;
  for (const key of [jobKeys.deadLetters(), jobKeys.retriedDeadLetters()]) {
    if ((await redis.hlen(key)) <= cap) continue;
    const all = (await redis.hgetall<Record<string, { failedAt?: number } | string>>(key)) ?? {};
    const byAge = Object.entries(all)
      .map(([field, v]) => [field, typeof v === "object" && v ? Number(v.failedAt ?? 0) : 0] as const)
      .sort((a, b) => a[1] - b[1]);
    const drop = byAge.slice(0, byAge.length - cap).map(([field]) => field);
    if (drop.length > 0) removed += await redis.hdel(key, ...drop);
  }
  return removed;
}
