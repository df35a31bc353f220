import { getRedis } from "@/lib/redis/client";
import { logger, errorForLog } from "@/lib/log/logger";
import { metricsKeys, SECOND_BUCKET_TTL_SECONDS } from "./keys";
import { type CacheResult, methodLabel, safeLabel, statusClass } from "./labels";
import { LiveBuffer, type BufferSnapshot } from "./live-buffer";
import { processMetrics } from "./prometheus-registry";

/** At most one flush per instance per second: the live view is per-second anyway. */
export const FLUSH_INTERVAL_MS = 1_000;

interface RecorderState {
  buffer: LiveBuffer;
  timer: ReturnType<typeof setInterval> | null;
  flushing: Promise<void> | null;
  lastFailureLoggedAt: number;
}

// On globalThis for the same reason as the registry: one buffer and one timer per process across dev reloads.
const holder = globalThis as typeof globalThis & { __switchboardMetricsRecorder?: RecorderState };

function state(): RecorderState {
  holder.__switchboardMetricsRecorder ??= { buffer: new LiveBuffer(), timer: null, flushing: null, lastFailureLoggedAt: 0 };
  return holder.__switchboardMetricsRecorder;
}

function ensureTimer(s: RecorderState) {
  if (s.timer) return;
  s.timer = setInterval(() => void flushMetrics(), FLUSH_INTERVAL_MS);
  // Never keeps a process (a script, a test) alive on its own.
  s.timer.unref?.();
}

const second = (at: number | undefined) => Math.floor((at ?? Date.now()) / 1000);

export interface RequestSample {
  /** Route group (calls, dashboard, admin, health …): a small fixed set. */
  group: string | null;
  method: string;
  status: number;
  /** Handler time in milliseconds. */
  ms: number;
  /** The company the request acted for, for the company's own live view. */
  companyId?: string | null;
  /** Epoch ms the request finished; defaults to now (tests inject it). */
  at?: number;
}

/**
 * Counts one API request. Costs no Redis round trip: Prometheus counters update in memory and the
 * live (cross-instance) numbers are buffered and written by the once-a-second flush.
 */
export function recordRequest(sample: RequestSample): void {
  const s = state();
  const group = safeLabel(sample.group);
  const cls = statusClass(sample.status);
  const m = processMetrics();
  m.requests.inc({ group, method: methodLabel(sample.method), status_class: cls });
  m.duration.observe({ group }, Math.max(0, sample.ms) / 1000);
  s.buffer.request({
    sec: second(sample.at),
    group,
    statusClass: cls,
    ms: sample.ms,
    companyId: sample.companyId ? safeLabel(sample.companyId, "") || null : null,
  });
  ensureTimer(s);
}

/** A read the server in front of Next answered again (counted as a request by recordRequest too). */
export function recordReusedAnswer(group: string): void {
  processMetrics().reusedAnswers.inc({ group: safeLabel(group) });
}

/** Called by the cache helper for every lookup. */
export function recordCacheResult(resource: string, status: CacheResult | Uppercase<CacheResult>, at?: number): void {
  const s = state();
  const r = safeLabel(resource);
  const result = status.toLowerCase() as CacheResult;
  processMetrics().cache.inc({ resource: r, result });
  s.buffer.cache(second(at), r, result);
  ensureTimer(s);
}

/** Called whenever an answer comes from a fallback because `dependency` was unavailable (breaker open, all instances down). */
export function recordFallback(dependency: string, at?: number): void {
  const s = state();
  const d = safeLabel(dependency);
  processMetrics().fallbacks.inc({ dependency: d });
  s.buffer.fallback(second(at), d);
  ensureTimer(s);
}

/**
 * Counts rows of a rollup (appointment_day_counts …) that a reconcile found wrong and fixed: anything
 * above zero means some write path missed its adjustment. Flushed with the live metrics (the worker
 * flushes at once after its round: a job process has no request traffic to wait for).
 */
export function recordRollupRepairs(rollup: string, n: number): void {
  if (n <= 0) return;
  const s = state();
  const r = safeLabel(rollup);
  processMetrics().rollupRepairs.inc({ rollup: r }, n);
  s.buffer.rollupRepair(r, n);
  ensureTimer(s);
}

function writeSnapshot(snapshot: BufferSnapshot) {
  const p = getRedis().pipeline();
  for (const [sec, fields] of snapshot.seconds) {
    const key = metricsKeys.second(sec);
    for (const [field, by] of fields) p.hincrby(key, field, by);
    p.expire(key, SECOND_BUCKET_TTL_SECONDS);
  }
  for (const [id, fields] of snapshot.companies) {
    const [companyId, sec] = id.split(" ") as [string, string];
    const key = metricsKeys.companySecond(companyId, Number(sec));
    for (const [field, by] of fields) p.hincrby(key, field, by);
    p.expire(key, SECOND_BUCKET_TTL_SECONDS);
  }
  const totals = metricsKeys.totals();
  for (const [field, by] of snapshot.totals) p.hincrby(totals, field, by);
  return p.exec();
}

/**
 * Writes everything buffered in ONE pipeline (one REST round trip). On failure the counts go back
 * into the buffer for the next tick. Concurrent calls share the flush in flight.
 */
export async function flushMetrics(): Promise<void> {
  const s = state();
  if (s.flushing) return s.flushing;
  if (s.buffer.isEmpty) return;
  const snapshot = s.buffer.drain();
  s.flushing = (async () => {
    try {
      await writeSnapshot(snapshot);
    } catch (err) {
      s.buffer.restore(snapshot, second(undefined));
      if (Date.now() - s.lastFailureLoggedAt > 60_000) {
        s.lastFailureLoggedAt = Date.now();
        logger().warn({ ...errorForLog(err), component: "metrics" }, "live metrics flush failed; counts kept for the next try");
      }
    } finally {
      s.flushing = null;
    }
  })();
  return s.flushing;
}

/** Stops the flush timer after a last flush (graceful shutdown, tests). */
export async function stopMetricsRecorder(): Promise<void> {
  const s = state();
  if (s.timer) clearInterval(s.timer);
  s.timer = null;
  await flushMetrics();
}
