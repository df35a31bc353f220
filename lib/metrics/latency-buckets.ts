/**
 * The fixed latency buckets (upper bounds, ms) every instance counts into, so per-second
 * histograms from many instances add up and percentiles can be computed across all of them.
 * Index `LATENCY_BUCKETS_MS.length` is the overflow bucket (+Inf).
 */
export const LATENCY_BUCKETS_MS = [5, 10, 15, 25, 35, 50, 75, 100, 150, 200, 300, 500, 750, 1000, 1500, 2500, 5000, 10000] as const;

export const BUCKET_COUNT = LATENCY_BUCKETS_MS.length + 1;

/** The bucket a duration falls in: the first bound it does not exceed, else the overflow bucket. */
export function bucketIndex(ms: number): number {
  for (let i = 0; i < LATENCY_BUCKETS_MS.length; i++) if (ms <= LATENCY_BUCKETS_MS[i]!) return i;
  return LATENCY_BUCKETS_MS.length;
}

/**
 * The q-quantile (0 < q ≤ 1) of a bucketed histogram, interpolated linearly inside its bucket (as
 * Prometheus' histogram_quantile does). The overflow bucket answers its lower bound. Null when empty.
 */
export function percentileFromBuckets(counts: readonly number[], q: number): number | null {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const rank = q * total;
  let below = 0;
  for (let i = 0; i < BUCKET_COUNT; i++) {
    const n = counts[i] ?? 0;
    if (n > 0 && below + n >= rank) {
      const lower = i === 0 ? 0 : LATENCY_BUCKETS_MS[i - 1]!;
      const upper = LATENCY_BUCKETS_MS[i];
      if (upper === undefined) return lower;
      return Math.round((lower + ((upper - lower) * (rank - below)) / n) * 10) / 10;
    }
    below += n;
  }
  return LATENCY_BUCKETS_MS[LATENCY_BUCKETS_MS.length - 1]!;
}

export interface LatencySummary {
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

export function summarizeLatency(counts: readonly number[]): LatencySummary {
  return { p50: percentileFromBuckets(counts, 0.5), p95: percentileFromBuckets(counts, 0.95), p99: percentileFromBuckets(counts, 0.99) };
}
