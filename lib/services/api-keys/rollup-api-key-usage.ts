import { sql } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { usageCounters, type NewUsageCounter } from "@/lib/db/schema/usage-counters";
import { KEY_USAGE_WINDOW_DAYS } from "@/lib/gateway/rate-limit/key-usage";
import { getRedis, redisKey } from "@/lib/redis/client";

const DAY_MS = 86_400_000;
const dayString = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/**
 * Copies the gateway's per-key usage counters (Redis, lib/gateway/rate-limit/key-usage.ts) of the
 * last `days` UTC days into usage_counters (metric `api_key_outcomes`), so they outlive a Redis
 * restart. Redis holds each day's full count, so a run writes absolute values and any number of runs
 * agree; GREATEST keeps MySQL's count when Redis restarted empty and counts again from zero.
 * Two Redis pipelines (the days' indexes, then the hashes) and one upsert. Returns the rows written.
 */
export async function rollupApiKeyUsage(opts: { now?: number; days?: number } = {}): Promise<number> {
  const today = Math.floor((opts.now ?? Date.now()) / DAY_MS);
  const days = Array.from({ length: opts.days ?? 2 }, (_, i) => today - i).filter((d) => d > today - KEY_USAGE_WINDOW_DAYS);
  const redis = getRedis();

  const indexes = redis.pipeline();
  for (const day of days) indexes.smembers(redisKey("ku", "used", day));
  const used = ((await indexes.exec()) as Array<string[] | null>).flatMap((members, i) =>
    (members ?? []).map((m) => ({ day: days[i]!, companyId: m.split("|")[0]!, keyId: m.split("|")[1]! })),
  );
  if (used.length === 0) return 0;

  const hashes = redis.pipeline();
  for (const u of used) hashes.hgetall(redisKey("ku", u.keyId, u.day));
  const counts = (await hashes.exec()) as Array<Record<string, unknown> | null>;
  const rows: NewUsageCounter[] = used.flatMap((u, i) =>
    Object.entries(counts[i] ?? {}).map(([outcome, n]) => ({
      companyId: u.companyId,
      day: dayString(u.day),
      metric: "api_key_outcomes" as const,
      dimension: `${u.keyId}:${outcome}`,
      value: Number(n) || 0,
    })),
  );
  if (rows.length === 0) return 0;
  await getDb()
    .insert(usageCounters)
    .values(rows)
    .onDuplicateKeyUpdate({ set: { value: sql`GREATEST(${usageCounters.value}, VALUES(${usageCounters.value}))` } });
  return rows.length;
}
