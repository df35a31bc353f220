import { context } from "@opentelemetry/api";
import { suppressTracing } from "@opentelemetry/core";
import { getRedis } from "@/lib/redis/client";
import { ALL_BUCKET_CAP, BUCKET_CAP, SLOW_WINDOW_MS, slowTraceKeys, type TraceBucket } from "./limits";
import type { StoredTrace } from "./stored-trace";

/**
 * Writes one trace to the store in one Redis trip (MULTI): the trace itself for the window, and its id
 * in its company's (or the platform's) bucket and the platform-wide one, each trimmed to the window and
 * to its cap and expiring with the window. Its own Redis trip is never traced (no trace of the tracer).
 */
export async function saveSlowTrace(stored: StoredTrace, endedAt: number): Promise<void> {
  const windowSeconds = SLOW_WINDOW_MS / 1_000;
  const since = endedAt - SLOW_WINDOW_MS;
  const tx = getRedis().multi();
  tx.set(slowTraceKeys.trace(stored.traceId), JSON.stringify(stored), { ex: windowSeconds });
  const buckets: Array<[TraceBucket, number]> = [
    [stored.companyId ? { companyId: stored.companyId } : "platform", BUCKET_CAP],
    ["all", ALL_BUCKET_CAP],
  ];
  for (const [bucket, cap] of buckets) {
    const key = slowTraceKeys.bucket(bucket);
    tx.zadd(key, { score: endedAt, member: stored.traceId });
    tx.zremrangebyscore(key, 0, since);
    tx.zremrangebyrank(key, 0, -(cap + 1));
    tx.expire(key, windowSeconds);
  }
  await context.with(suppressTracing(context.active()), () => tx.exec());
}
