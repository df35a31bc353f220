import { SENTIMENTS, type Sentiment } from "@/lib/db/schema/calls";
import { deriveMetrics } from "@/lib/services/dashboard/to-kpis";
import type { AnalyticsBucket } from "./read-analytics-buckets";

const round = (v: number, places: number) => Math.round(v * 10 ** places) / 10 ** places;
const ratio = (a: number, b: number) => (b > 0 ? round(a / b, 4) : null);

/** Every analytics metric of one bucket: null where its denominator is zero. Revenue per currency. */
export function deriveAnalytics(b: AnalyticsBucket) {
  const analysed = SENTIMENTS.reduce((sum, s) => sum + b.sentiment[s], 0);
  return {
    ...deriveMetrics(b),
    noShowRate: ratio(b.noShows, b.completed + b.noShows),
    sentiment: Object.fromEntries(SENTIMENTS.map((s) => [s, ratio(b.sentiment[s], analysed)])) as Record<Sentiment, number | null>,
  };
}
