import { readQueueHealth } from "@/lib/jobs/queue-health";
import { errorForLog, logger } from "@/lib/log/logger";
import { gatewayRedisTrips } from "@/lib/gateway/rate-limit/transport";
import { getRedis } from "@/lib/redis/client";
import { registrySnapshot } from "@/lib/registry/registry-snapshot";
import { breakerSource, type BreakerState } from "./breaker-source";
import { metricsKeys } from "./keys";
import { processMetrics, type ProcessMetrics } from "./prometheus-registry";
import { flushMetrics } from "./recorder";
import { rollupEdgeStats } from "./rollup-edge-stats";

const BREAKER_STATES: BreakerState[] = ["closed", "open", "half_open"];

type Hash = Record<string, unknown> | null;

async function refreshClusterCounters(m: ProcessMetrics) {
  await flushMetrics();
  await rollupEdgeStats();
  const p = getRedis().pipeline();
  p.hgetall(metricsKeys.totals());
  p.hgetall(metricsKeys.edgeTotals());
  const [totals, edge] = (await p.exec()) as [Hash, Hash];
  // Counters mirrored from Redis: reset and set in one synchronous block, so a scrape never sees half.
  m.clusterRequests.reset();
  m.clusterCache.reset();
  m.clusterFallbacks.reset();
  m.clusterRollupRepairs.reset();
  for (const [field, raw] of Object.entries(totals ?? {})) {
    const [kind, a, b] = field.split("|");
    const v = Number(raw);
    if (!Number.isFinite(v) || !a) continue;
    if (kind === "req" && b) m.clusterRequests.inc({ group: a, status_class: b }, v);
    else if (kind === "cache" && b) m.clusterCache.inc({ resource: a, result: b }, v);
    else if (kind === "fallback") m.clusterFallbacks.inc({ dependency: a }, v);
    else if (kind === "rollup") m.clusterRollupRepairs.inc({ rollup: a }, v);
  }
  m.edgeDecisions.reset();
  m.rateLimited.reset();
  m.denied.reset();
  const outcome = { allowed: 0, limited: 0, denied: 0 };
  for (const [field, raw] of Object.entries(edge ?? {})) {
    const v = Number(raw);
    if (!Number.isFinite(v)) continue;
    if (field === "allowed") outcome.allowed += v;
    else if (field.startsWith("limited:")) {
      outcome.limited += v;
      m.rateLimited.inc({ layer: field.slice(8) }, v);
    } else if (field.startsWith("denied:")) {
      outcome.denied += v;
      m.denied.inc({ reason: field.slice(7) }, v);
    }
  }
  for (const [k, v] of Object.entries(outcome)) m.edgeDecisions.inc({ outcome: k }, v);
}

async function refreshQueueGauges(m: ProcessMetrics) {
  const q = await readQueueHealth();
  m.queueJobs.reset();
  for (const [queue, counts] of Object.entries(q.queues))
    for (const [state, n] of Object.entries(counts ?? {})) m.queueJobs.set({ queue, state }, n);
  m.outbox.set(q.outbox);
  m.deadLetters.set(q.deadLetters);
  m.workers.set(q.workers.filter((w) => !w.stale).length);
  m.workerHeartbeatAge.set(q.heartbeatAgeMs === null ? -1 : q.heartbeatAgeMs / 1000);
}

async function refreshBreakerGauges(m: ProcessMetrics) {
  const source = breakerSource();
  const states = await source.states();
  const timelines = await Promise.all(states.map((s) => source.timeline(s.name)));
  m.breakerState.reset();
  m.breakerTransitions.reset();
  states.forEach((s, i) => {
    for (const state of BREAKER_STATES) m.breakerState.set({ dependency: s.name, state }, s.state === state ? 1 : 0);
    m.breakerTransitions.set({ dependency: s.name }, timelines[i]?.length ?? 0);
  });
}

async function refreshRegistryGauges(m: ProcessMetrics) {
  const snapshot = await registrySnapshot();
  m.registryInstances.reset();
  for (const svc of snapshot.services) {
    const counts: Record<string, number> = { healthy: 0, unhealthy: 0, unknown: 0 };
    for (const inst of svc.instances) counts[inst.status] = (counts[inst.status] ?? 0) + 1;
    if (svc.instances.length > 0)
      for (const [status, n] of Object.entries(counts)) m.registryInstances.set({ service: svc.name, status }, n);
  }
}

/**
 * The Prometheus exposition: this process's own metrics, plus cluster-wide ones read from Redis at
 * scrape time (requests of all instances, edge decisions and 429s by layer, queue depth, breakers,
 * registry instances). A source that cannot be read leaves its metrics out of date, never the scrape failed.
 */
/** This process's gateway decisions' Redis round trips (proxy.ts counts them on globalThis). */
async function refreshGatewayTrips(m: ProcessMetrics) {
  m.gatewayRedisTrips.reset();
  for (const [transport, n] of Object.entries(gatewayRedisTrips())) m.gatewayRedisTrips.inc({ transport }, n);
}

export async function renderPrometheus(): Promise<{ contentType: string; body: string }> {
  const m = processMetrics();
  const parts: Array<[string, (m: ProcessMetrics) => Promise<void>]> = [
    ["cluster counters", refreshClusterCounters],
    ["queue", refreshQueueGauges],
    ["breakers", refreshBreakerGauges],
    ["registry", refreshRegistryGauges],
    ["gateway trips", refreshGatewayTrips],
  ];
  const results = await Promise.allSettled(parts.map(([, refresh]) => refresh(m)));
  results.forEach((r, i) => {
    if (r.status === "rejected")
      logger().warn({ ...errorForLog(r.reason), component: "metrics", source: parts[i]![0] }, "metrics source unavailable at scrape");
  });
  return { contentType: m.registry.contentType, body: await m.registry.metrics() };
}
