import type { GatewayHealth } from "@/lib/metrics/gateway-health";
import type { SeriesPoint } from "@/lib/metrics/summarize-live";

/** How much history the charts keep, in seconds. */
export const WINDOW_SEC = 120;

/** One per payload (about once a second): the last-10-s summaries, for charts the per-second series lacks. */
export interface Sample {
  /** Epoch second the payload was computed. */
  t: number;
  rps: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

export interface HealthWindow {
  latest: GatewayHealth | null;
  /** Epoch ms the latest payload arrived. */
  receivedAt: number | null;
  /** Per-second traffic merged from every payload's `series` (a later payload wins: its seconds are complete), last WINDOW_SEC. */
  points: SeriesPoint[];
  samples: Sample[];
}

export const EMPTY_WINDOW: HealthWindow = { latest: null, receivedAt: null, points: [], samples: [] };

/** The window after one more payload. Pure: the hook's reducer and the unit of testing. */
export function addPayload(w: HealthWindow, payload: GatewayHealth, receivedAt: number): HealthWindow {
  const t = Math.floor(Date.parse(payload.generatedAt) / 1000);
  const byT = new Map(w.points.map((p) => [p.t, p]));
  for (const p of payload.series) byT.set(p.t, p);
  const newest = Math.max(t - 1, ...byT.keys());
  const points = [...byT.values()].filter((p) => p.t > newest - WINDOW_SEC).sort((a, b) => a.t - b.t);

  const { last10s } = payload.requests.latencyMs;
  const sample: Sample = { t, rps: payload.requests.perSecond.last10s, p50: last10s.p50, p95: last10s.p95, p99: last10s.p99 };
  const samples = [...w.samples.filter((s) => s.t !== t && s.t > t - WINDOW_SEC), sample];

  return { latest: payload, receivedAt, points, samples };
}
