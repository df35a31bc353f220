import { checkReady, type DependencyStatus } from "@/lib/health/check-ready";
import { readQueueHealth, type QueueHealth } from "@/lib/jobs/queue-health";
import { errorForLog, logger } from "@/lib/log/logger";
import { registrySnapshot, type RegistrySnapshot } from "@/lib/registry/registry-snapshot";
import { readBreakers, type BreakerStateView, type BreakerTransitionView } from "./breaker-source";
import type { HealthScope } from "./health-scope";
import { readCompanyLimits, type CompanyLimitsView } from "./read-company-limits";
import { readLiveSeconds } from "./read-live-seconds";
import {
  liveSeries,
  summarizeCache,
  summarizeEdge,
  summarizeFallbacks,
  summarizeTraffic,
  WINDOWS,
  type CacheSummary,
  type EdgeSummary,
  type SeriesPoint,
  type TrafficSummary,
} from "./summarize-live";

interface HealthBase {
  /** ISO time the payload was computed. */
  generatedAt: string;
  /** Route-handler traffic (all app instances; one company's in the company view). */
  requests: TrafficSummary;
  series: SeriesPoint[];
  /** Parts that could not be read this time (their fields are null). */
  unavailable: string[];
}

export interface PlatformHealth extends HealthBase {
  scope: "platform";
  edge: EdgeSummary | null;
  cache: CacheSummary | null;
  fallbacks: Record<string, number> | null;
  breakers: { states: BreakerStateView[]; transitions: BreakerTransitionView[] } | null;
  registry: RegistrySnapshot | null;
  dependencies: DependencyStatus[];
  queue: QueueHealth | null;
}

export interface CompanyHealth extends HealthBase {
  scope: "company";
  companyId: string;
  limits: CompanyLimitsView | null;
}

export type GatewayHealth = PlatformHealth | CompanyHealth;

/** MySQL/Redis probes are not worth running every second for every viewer. */
const READY_TTL_MS = 5_000;
/** Every SSE viewer of one instance shares one computation per scope per second. */
const PAYLOAD_TTL_MS = 900;

interface HealthMemo {
  ready?: { at: number; value: Promise<{ checks: DependencyStatus[] }> };
  payloads: Map<string, { at: number; value: Promise<GatewayHealth> }>;
}

const holder = globalThis as typeof globalThis & { __switchboardHealthMemo?: HealthMemo };
const memo = (): HealthMemo => (holder.__switchboardHealthMemo ??= { payloads: new Map() });

function cachedReady(nowMs: number): Promise<{ checks: DependencyStatus[] }> {
  const m = memo();
  if (!m.ready || nowMs - m.ready.at > READY_TTL_MS) m.ready = { at: nowMs, value: checkReady() };
  return m.ready.value;
}

async function part<T>(name: string, unavailable: string[], run: () => Promise<T>): Promise<T | null> {
  try {
    return await run();
  } catch (err) {
    unavailable.push(name);
    logger().warn({ ...errorForLog(err), component: "gateway-health", part: name }, "health source unavailable");
    return null;
  }
}

function queueDependency(queue: QueueHealth | null): DependencyStatus {
  if (!queue) return { name: "queue", ok: false, latencyMs: 0, reason: "unreachable" };
  if (queue.ok) return { name: "queue", ok: true, latencyMs: 0 };
  return {
    name: "queue",
    ok: false,
    latencyMs: 0,
    reason: queue.heartbeatAgeMs === null ? "no worker has reported" : "no worker heartbeat in the last 30 s",
  };
}

async function compute(scope: HealthScope, nowMs: number): Promise<GatewayHealth> {
  const nowSec = Math.floor(nowMs / 1000);
  const window = { fromSec: nowSec - WINDOWS.long, toSec: nowSec - 1 };
  const unavailable: string[] = [];
  const generatedAt = new Date(nowMs).toISOString();

  if (scope.kind === "company") {
    const [live, limits] = await Promise.all([
      part("traffic", unavailable, () => readLiveSeconds({ ...window, companyId: scope.companyId, edge: false })),
      part("limits", unavailable, () => readCompanyLimits(scope.companyId, nowMs)),
    ]);
    const traffic = live?.traffic ?? [];
    return {
      scope: "company",
      companyId: scope.companyId,
      generatedAt,
      requests: summarizeTraffic(traffic, nowSec),
      series: liveSeries(traffic, [], nowSec),
      limits,
      unavailable,
    };
  }

  const [live, breakers, registry, ready, queue] = await Promise.all([
    part("traffic", unavailable, () => readLiveSeconds({ ...window, edge: true })),
    part("breakers", unavailable, () => readBreakers()),
    part("registry", unavailable, () => registrySnapshot()),
    part("dependencies", unavailable, () => cachedReady(nowMs)),
    part("queue", unavailable, () => readQueueHealth(nowMs)),
  ]);
  const traffic = live?.traffic ?? [];
  const edge = live?.edge ?? [];
  return {
    scope: "platform",
    generatedAt,
    requests: summarizeTraffic(traffic, nowSec),
    series: liveSeries(traffic, edge, nowSec),
    edge: live ? summarizeEdge(edge, nowSec) : null,
    cache: live ? summarizeCache(traffic, nowSec) : null,
    fallbacks: live ? summarizeFallbacks(traffic, nowSec) : null,
    breakers,
    registry,
    // readiness already checks the queue; its detailed depth/heartbeat view is `queue` below
    dependencies: ready?.checks ?? [
      { name: "mysql", ok: false, latencyMs: 0, reason: "unknown" },
      { name: "redis", ok: false, latencyMs: 0, reason: "unknown" },
      queueDependency(queue),
    ],
    queue,
    unavailable,
  };
}

/**
 * The live view's payload for a scope: last 10 s / 60 s of traffic across all instances, percentiles,
 * status classes, and for platform admins the edge's 429s by layer, cache, breakers, registry and
 * dependencies. Computed at most about once a second per scope per instance (`now` skips the memo).
 */
export function gatewayHealth(scope: HealthScope, opts: { now?: number } = {}): Promise<GatewayHealth> {
  if (opts.now !== undefined) return compute(scope, opts.now);
  const nowMs = Date.now();
  const key = scope.kind === "platform" ? "platform" : `company:${scope.companyId}`;
  const payloads = memo().payloads;
  const hit = payloads.get(key);
  if (hit && nowMs - hit.at < PAYLOAD_TTL_MS) return hit.value;
  const value = compute(scope, nowMs);
  payloads.set(key, { at: nowMs, value });
  // Bounded: companies come and go.
  if (payloads.size > 500) for (const [k, v] of payloads) if (nowMs - v.at >= PAYLOAD_TTL_MS) payloads.delete(k);
  return value;
}
