import { describe, expect, it } from "vitest";
import { bucketIndex, BUCKET_COUNT, LATENCY_BUCKETS_MS, percentileFromBuckets, summarizeLatency } from "@/lib/metrics/latency-buckets";
import { methodLabel, safeLabel, statusClass } from "@/lib/metrics/labels";
import { LiveBuffer } from "@/lib/metrics/live-buffer";
import { hasMetricsToken } from "@/lib/metrics/metrics-token";
import type { EdgeSecond, TrafficSecond } from "@/lib/metrics/read-live-seconds";
import { liveSeries, summarizeCache, summarizeEdge, summarizeTraffic } from "@/lib/metrics/summarize-live";

function histOf(samples: number[]): number[] {
  const h = new Array<number>(BUCKET_COUNT).fill(0);
  for (const ms of samples) h[bucketIndex(ms)]! += 1;
  return h;
}

function second(sec: number, samples: number[], status: Record<string, number> = {}): TrafficSecond {
  return {
    sec,
    n: samples.length,
    ms: samples.reduce((a, b) => a + b, 0),
    status,
    hist: histOf(samples),
    groups: {},
    cache: {},
    fallbacks: {},
  };
}

describe("latency buckets", () => {
  it("puts a duration in the first bucket whose bound it does not exceed; beyond the last, overflow", () => {
    expect(bucketIndex(0)).toBe(0);
    expect(bucketIndex(5)).toBe(0);
    expect(bucketIndex(5.1)).toBe(1);
    expect(bucketIndex(100)).toBe(LATENCY_BUCKETS_MS.indexOf(100));
    expect(bucketIndex(60_000)).toBe(LATENCY_BUCKETS_MS.length);
  });

  it("computes percentiles by interpolating inside the bucket", () => {
    // 100 samples: 90 in (10, 15], 10 in (200, 300]
    const h = histOf([...Array.from({ length: 90 }, () => 12), ...Array.from({ length: 10 }, () => 250)]);
    expect(percentileFromBuckets(h, 0.5)).toBeCloseTo(10 + (5 * 50) / 90, 1);
    expect(percentileFromBuckets(h, 0.95)).toBeCloseTo(200 + (100 * 5) / 10, 1);
    expect(percentileFromBuckets(h, 0.99)).toBeCloseTo(200 + (100 * 9) / 10, 1);
    expect(summarizeLatency(new Array<number>(BUCKET_COUNT).fill(0))).toEqual({ p50: null, p95: null, p99: null });
  });

  it("answers the overflow bucket's lower bound", () => {
    expect(percentileFromBuckets(histOf([20_000, 30_000]), 0.99)).toBe(LATENCY_BUCKETS_MS[LATENCY_BUCKETS_MS.length - 1]);
  });

  it("adds up across instances: merging histograms equals one histogram of all samples", () => {
    const a = [3, 8, 40, 120];
    const b = [7, 90, 600, 2_000];
    const merged = histOf(a).map((v, i) => v + histOf(b)[i]!);
    expect(merged).toEqual(histOf([...a, ...b]));
  });
});

describe("labels", () => {
  it("keeps label values bounded", () => {
    expect(statusClass(204)).toBe("2xx");
    expect(statusClass(429)).toBe("4xx");
    expect(statusClass(999)).toBe("5xx");
    expect(methodLabel("patch")).toBe("PATCH");
    expect(methodLabel("BREW")).toBe("OTHER");
    expect(safeLabel("calls")).toBe("calls");
    expect(safeLabel("/api/v1/calls/123 ?x")).toBe("other");
    expect(safeLabel(null)).toBe("other");
  });
});

describe("LiveBuffer", () => {
  it("folds requests into per-second, per-company and total fields", () => {
    const buf = new LiveBuffer();
    buf.request({ sec: 100, group: "calls", statusClass: "2xx", ms: 12, companyId: "co_a" });
    buf.request({ sec: 100, group: "calls", statusClass: "5xx", ms: 300, companyId: null });
    buf.cache(100, "calls", "hit");
    buf.fallback(101, "calcom");
    const snap = buf.drain();
    expect(buf.isEmpty).toBe(true);
    expect(Object.fromEntries(snap.seconds.get(100)!)).toMatchObject({
      n: 2,
      ms: 312,
      "s:2xx": 1,
      "s:5xx": 1,
      "g:calls": 2,
      [`h:${bucketIndex(12)}`]: 1,
      "c:calls:hit": 1,
    });
    expect(Object.fromEntries(snap.companies.get("co_a 100")!)).toMatchObject({ n: 1, "s:2xx": 1 });
    expect(Object.fromEntries(snap.totals)).toEqual({ "req|calls|2xx": 1, "req|calls|5xx": 1, "cache|calls|hit": 1, "fallback|calcom": 1 });
    expect(Object.fromEntries(snap.seconds.get(101)!)).toEqual({ "f:calcom": 1 });
  });

  it("restores a failed flush exactly, dropping seconds too old to matter", () => {
    const buf = new LiveBuffer();
    buf.request({ sec: 1_000, group: "calls", statusClass: "2xx", ms: 5, companyId: "co_a" });
    const failed = buf.drain();
    buf.request({ sec: 1_000, group: "calls", statusClass: "2xx", ms: 5, companyId: null });
    buf.request({ sec: 800, group: "calls", statusClass: "2xx", ms: 5, companyId: "co_a" });
    buf.restore(failed, 1_001);
    const snap = buf.drain();
    expect(snap.seconds.get(1_000)?.get("n")).toBe(2);
    expect(snap.seconds.has(800)).toBe(false);
    expect(snap.companies.has("co_a 800")).toBe(false);
    expect(snap.totals.get("req|calls|2xx")).toBe(3);
  });
});

describe("live summaries", () => {
  const now = 10_000;

  it("rates over the last 10 and 60 completed seconds, with percentiles and status classes", () => {
    const traffic = [
      second(now - 61, [1, 1, 1]), // outside both windows
      second(
        now - 30,
        Array.from({ length: 30 }, () => 40),
        { "2xx": 30 },
      ),
      second(
        now - 5,
        Array.from({ length: 20 }, () => 12),
        { "2xx": 18, "5xx": 2 },
      ),
      second(now, [9_000]), // the current second is still being counted
    ];
    const s = summarizeTraffic(traffic, now);
    expect(s.total).toEqual({ last10s: 20, last60s: 50 });
    expect(s.perSecond).toEqual({ last10s: 2, last60s: 0.83 });
    expect(s.statusClasses).toEqual({ "2xx": 48, "5xx": 2 });
    expect(s.errorRate).toBe(0.04);
    expect(s.latencyMs.last10s.p50).toBeGreaterThan(10);
    expect(s.latencyMs.last10s.p50).toBeLessThanOrEqual(15);
    expect(s.latencyMs.last60s.p99).toBeGreaterThan(35);
    expect(s.latencyMs.last60s.p99).toBeLessThanOrEqual(50);
    expect(s.latencyMs.last60s.mean).toBe(Math.round(((30 * 40 + 20 * 12) / 50) * 10) / 10);
  });

  it("sums the edge's 429s by layer and its decisions per second", () => {
    const edge: EdgeSecond[] = [
      { sec: now - 2, allowed: 10, limited: { company: 3, endpoint: 1 }, denied: { auth: 2 } },
      { sec: now - 40, allowed: 4, limited: { global_burst: 5 }, denied: {} },
    ];
    const e = summarizeEdge(edge, now);
    expect(e.limitedByLayer).toEqual({ company: 3, endpoint: 1, global_burst: 5 });
    expect(e.limited).toBe(9);
    expect(e.denied).toEqual({ auth: 2 });
    expect(e.perSecond.last10s).toBe(1.6);
    expect(e.allowed).toBe(14);
    expect(liveSeries([second(now - 2, [10])], edge, now)).toEqual([
      { t: now - 2, requests: 1, errors: 0, p95: expect.any(Number), limited: 4 },
    ]);
  });

  it("counts stale answers as hits in the cache hit ratio", () => {
    const t = second(now - 3, []);
    t.cache = { calls: { hit: 6, stale: 2, miss: 2 }, dashboard: { bypass: 4 } };
    expect(summarizeCache([t], now)).toMatchObject({ hits: 6, stale: 2, misses: 2, bypass: 4, hitRatio: 0.8 });
    expect(summarizeCache([], now).hitRatio).toBeNull();
  });
});

describe("metrics token", () => {
  const token = "metrics-token-0123456789abcdef";
  it("accepts exactly `Bearer <token>` and nothing else", () => {
    expect(hasMetricsToken(`Bearer ${token}`, token)).toBe(true);
    expect(hasMetricsToken(`bearer ${token}`, token)).toBe(true);
    expect(hasMetricsToken(`Bearer ${token}x`, token)).toBe(false);
    expect(hasMetricsToken(`Bearer ${token.slice(0, -1)}`, token)).toBe(false);
    expect(hasMetricsToken(token, token)).toBe(false);
    expect(hasMetricsToken(null, token)).toBe(false);
    expect(hasMetricsToken(`Bearer ${token}`, undefined)).toBe(false);
  });
});
