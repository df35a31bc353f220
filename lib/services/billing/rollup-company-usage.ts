import { sql } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { usageCounters, type NewUsageCounter, type UsageMetric } from "@/lib/db/schema/usage-counters";
import { COMPANY_USAGE_KEPT_DAYS } from "@/lib/gateway/rate-limit/company-usage";
import { getRedis, redisKey } from "@/lib/redis/client";

const DAY_MS = 86_400_000;
const dayString = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** Hash field → (metric, dimension) in usage_counters. */
function metricOf(field: string): { metric: UsageMetric; dimension: string } | null {
  if (field === "n") return { metric: "api_requests", dimension: "" };
  if (field.startsWith("g:")) return { metric: "api_requests_by_endpoint", dimension: field.slice(2, 66) };
  if (field.startsWith("k:")) return { metric: "api_requests_by_key", dimension: field.slice(2, 66) };
  return null;
}

/**
 * Copies the gateway's per-company usage of the last `days` UTC days (Redis `cu:<company>:<day>`,
 * lib/gateway/rate-limit/company-usage.ts) into usage_counters: `api_requests`,
 * `api_requests_by_endpoint` (by group) and `api_requests_by_key` (by key id or "session"). Redis
 * holds each day's full count, so a run writes absolute values and any number of runs agree; GREATEST
 * keeps MySQL's count when Redis restarted empty and counts again from zero. Two Redis pipelines
 * and one upsert. Returns the rows written.
 */
export async function rollupCompanyUsage(opts: { now?: number; days?: number } = {}): Promise<number> {
  const today = Math.floor((opts.now ?? Date.now()) / DAY_MS);
  const days = Array.from({ length: Math.min(opts.days ?? 2, COMPANY_USAGE_KEPT_DAYS) }, (_, i) => today - i);
  const redis = getRedis();

  const indexes = redis.pipeline();
  for (const day of days) indexes.smembers(redisKey("cu", "used", day));
  const used = ((await indexes.exec()) as Array<string[] | null>).flatMap((members, i) =>
    (members ?? []).map((companyId) => ({ day: days[i]!, companyId })),
  );
  if (used.length === 0) return 0;

  const hashes = redis.pipeline();
  for (const u of used) hashes.hgetall(redisKey("cu", u.companyId, u.day));
  const counts = (await hashes.exec()) as Array<Record<string, unknown> | null>;
  const rows: NewUsageCounter[] = used.flatMap((u, i) =>
    Object.entries(counts[i] ?? {}).flatMap(([field, n]) => {
      const m = metricOf(field);
      const value = Number(n) || 0;
      return m && value > 0 ? [{ companyId: u.companyId, day: dayString(u.day), ...m, value }] : [];
    }),
  );
  if (rows.length === 0) return 0;
  await getDb()
    .insert(usageCounters)
    .values(rows)
    .onDuplicateKeyUpdate({ set: { value: sql`GREATEST(${usageCounters.value}, VALUES(${usageCounters.value}))` } });
  return rows.length;
}
