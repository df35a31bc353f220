import { BUCKET_COUNT, summarizeLatency, type LatencySummary } from "./latency-buckets";
import type { EdgeSecond, TrafficSecond } from "./read-live-seconds";

/** Windows end at the last completed second: the current one is still being counted and flushed. */
export const WINDOWS = { short: 10, long: 60 } as const;

const inWindow = (sec: number, nowSec: number, size: number) => sec >= nowSec - size && sec <= nowSec - 1;

function sumInto(into: Record<string, number>, from: Record<string, number>) {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
}

const rate = (n: number, seconds: number) => Math.round((n / seconds) * 100) / 100;

export interface TrafficSummary {
  perSecond: { last10s: number; last60s: number };
  total: { last10s: number; last60s: number };
  /** Last 60 s. */
  statusClasses: Record<string, number>;
  /** 5xx share of the last 60 s, 0–1. */
  errorRate: number;
  latencyMs: { last10s: LatencySummary; last60s: LatencySummary & { mean: number | null } };
  /** Requests per route group, last 60 s. */
  groups: Record<string, number>;
}

export function summarizeTraffic(traffic: TrafficSecond[], nowSec: number): TrafficSummary {
  const short = traffic.filter((t) => inWindow(t.sec, nowSec, WINDOWS.short));
  const long = traffic.filter((t) => inWindow(t.sec, nowSec, WINDOWS.long));
  const histOf = (rows: TrafficSecond[]) => {
    const h = new Array<number>(BUCKET_COUNT).fill(0);
    for (const r of rows) r.hist.forEach((v, i) => (h[i] = (h[i] ?? 0) + v));
    return h;
  };
  const n10 = short.reduce((a, t) => a + t.n, 0);
  const n60 = long.reduce((a, t) => a + t.n, 0);
  const ms60 = long.reduce((a, t) => a + t.ms, 0);
  const statusClasses: Record<string, number> = {};
  const groups: Record<string, number> = {};
  for (const t of long) {
    sumInto(statusClasses, t.status);
    sumInto(groups, t.groups);
  }
  return {
    perSecond: { last10s: rate(n10, WINDOWS.short), last60s: rate(n60, WINDOWS.long) },
    total: { last10s: n10, last60s: n60 },
    statusClasses,
    errorRate: n60 === 0 ? 0 : Math.round(((statusClasses["5xx"] ?? 0) / n60) * 10_000) / 10_000,
    latencyMs: {
      last10s: summarizeLatency(histOf(short)),
      last60s: { ...summarizeLatency(histOf(long)), mean: n60 === 0 ? null : Math.round((ms60 / n60) * 10) / 10 },
    },
    groups,
  };
}

export interface EdgeSummary {
  /** Every decision the edge made (allowed + limited + denied). */
  perSecond: { last10s: number; last60s: number };
  allowed: number;
  /** 429s by layer, last 60 s. */
  limitedByLayer: Record<string, number>;
  limited: number;
  denied: Record<string, number>;
}

export function summarizeEdge(edge: EdgeSecond[], nowSec: number): EdgeSummary {
  const total = (e: EdgeSecond) =>
    e.allowed + Object.values(e.limited).reduce((a, b) => a + b, 0) + Object.values(e.denied).reduce((a, b) => a + b, 0);
  const short = edge.filter((e) => inWindow(e.sec, nowSec, WINDOWS.short));
  const long = edge.filter((e) => inWindow(e.sec, nowSec, WINDOWS.long));
  const limitedByLayer: Record<string, number> = {};
  const denied: Record<string, number> = {};
  for (const e of long) {
    sumInto(limitedByLayer, e.limited);
    sumInto(denied, e.denied);
  }
  return {
    perSecond: {
      last10s: rate(
        short.reduce((a, e) => a + total(e), 0),
        WINDOWS.short,
      ),
      last60s: rate(
        long.reduce((a, e) => a + total(e), 0),
        WINDOWS.long,
      ),
    },
    allowed: long.reduce((a, e) => a + e.allowed, 0),
    limitedByLayer,
    limited: Object.values(limitedByLayer).reduce((a, b) => a + b, 0),
    denied,
  };
}

export interface CacheSummary {
  hits: number;
  misses: number;
  stale: number;
  bypass: number;
  /** (hits + stale) / (hits + stale + misses); null before any lookup. */
  hitRatio: number | null;
  byResource: Record<string, Record<string, number>>;
}

export function summarizeCache(traffic: TrafficSecond[], nowSec: number): CacheSummary {
  const byResource: Record<string, Record<string, number>> = {};
  const totals: Record<string, number> = {};
  for (const t of traffic) {
    if (!inWindow(t.sec, nowSec, WINDOWS.long)) continue;
    for (const [resource, results] of Object.entries(t.cache)) {
      sumInto((byResource[resource] ??= {}), results);
      sumInto(totals, results);
    }
  }
  const hits = totals.hit ?? 0;
  const stale = totals.stale ?? 0;
  const misses = totals.miss ?? 0;
  const served = hits + stale + misses;
  return {
    hits,
    misses,
    stale,
    bypass: totals.bypass ?? 0,
    hitRatio: served === 0 ? null : Math.round(((hits + stale) / served) * 1000) / 1000,
    byResource,
  };
}

export function summarizeFallbacks(traffic: TrafficSecond[], nowSec: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of traffic) if (inWindow(t.sec, nowSec, WINDOWS.long)) sumInto(out, t.fallbacks);
  return out;
}

export interface SeriesPoint {
  /** Epoch second. */
  t: number;
  requests: number;
  errors: number;
  p95: number | null;
  /** Edge 429s (platform view only). */
  limited?: number;
}

/** One point per second of the last minute, for the live chart. */
export function liveSeries(traffic: TrafficSecond[], edge: EdgeSecond[], nowSec: number): SeriesPoint[] {
  const edgeBySec = new Map(edge.map((e) => [e.sec, e]));
  return traffic
    .filter((t) => inWindow(t.sec, nowSec, WINDOWS.long))
    .map((t) => {
      const point: SeriesPoint = { t: t.sec, requests: t.n, errors: t.status["5xx"] ?? 0, p95: summarizeLatency(t.hist).p95 };
      const e = edgeBySec.get(t.sec);
      if (e) point.limited = Object.values(e.limited).reduce((a, b) => a + b, 0);
      return point;
    });
}
