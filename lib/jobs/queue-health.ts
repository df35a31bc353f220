import type { DependencyStatus } from "@/lib/health/check-ready";
import { withTimeout } from "@/lib/health/with-timeout";
import { getRedis } from "@/lib/redis/client";
import type { QueueName } from "./definitions";
import { parseHeartbeat, STALE_AFTER_MS } from "./heartbeat";
import { jobKeys } from "./keys";

export interface QueueHealth {
  /** A worker reported within STALE_AFTER_MS. */
  ok: boolean;
  /** Jobs the app enqueued that no worker has moved into a queue yet. */
  outbox: number;
  deadLetters: number;
  /** Age of the freshest heartbeat, ms; null when no worker ever reported. */
  heartbeatAgeMs: number | null;
  workers: Array<{
    id: string;
    pid: number;
    host: string;
    queues: QueueName[];
    active: number;
    ageMs: number;
    stale: boolean;
    stopping: boolean;
  }>;
  /** Jobs per queue and state, from the freshest heartbeat. */
  queues: Partial<Record<QueueName, Record<string, number>>>;
}

/** Outbox, dead letters and worker heartbeats in one REST pipeline. */
export async function readQueueHealth(nowMs = Date.now()): Promise<QueueHealth> {
  const p = getRedis().pipeline();
  p.xlen(jobKeys.outbox());
  p.hlen(jobKeys.deadLetters());
  p.hgetall(jobKeys.workers());
  const [outbox, dead, beats] = (await p.exec()) as [number, number, Record<string, unknown> | null];
  const workers = Object.values(beats ?? {})
    .map(parseHeartbeat)
    .filter((b) => b !== null)
    .sort((a, b) => b.beatAt - a.beatAt);
  const freshest = workers[0];
  const heartbeatAgeMs = freshest ? Math.max(0, nowMs - freshest.beatAt) : null;
  return {
    ok: heartbeatAgeMs !== null && heartbeatAgeMs <= STALE_AFTER_MS,
    outbox: Number(outbox) || 0,
    deadLetters: Number(dead) || 0,
    heartbeatAgeMs,
    workers: workers.map((w) => ({
      id: w.id,
      pid: w.pid,
      host: w.host,
      queues: w.queues,
      active: w.active,
      ageMs: Math.max(0, nowMs - w.beatAt),
      stale: nowMs - w.beatAt > STALE_AFTER_MS,
      stopping: w.stopping === true,
    })),
    queues: freshest?.counts ?? {},
  };
}

/**
 * The queue as a readiness dependency, in checkReady's shape: reachable, and a worker alive to drain it.
 * Jobs enqueued while no worker runs are not lost (they wait in the outbox), so callers decide whether
 * "no worker" means not ready.
 */
export async function checkQueue(): Promise<DependencyStatus> {
  const started = performance.now();
  try {
    const health = await withTimeout(readQueueHealth(), 2_000, "queue");
    const latencyMs = Math.round(performance.now() - started);
    if (health.ok) return { name: "queue", ok: true, latencyMs };
    return {
      name: "queue",
      ok: false,
      latencyMs,
      reason: health.heartbeatAgeMs === null ? "no worker has reported" : "no worker heartbeat in the last 30 s",
    };
  } catch (err) {
    const timedOut = err instanceof Error && err.name === "TimeoutError";
    return { name: "queue", ok: false, latencyMs: Math.round(performance.now() - started), reason: timedOut ? "timeout" : "unreachable" };
  }
}
