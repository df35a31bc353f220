import { cached } from "@/lib/cache/cached";
import type { CachedResult } from "@/lib/cache/types";
import { getCompanyTimezone } from "@/lib/services/companies/get-company-timezone";
import { resolvePeriod } from "@/lib/services/dashboard/resolve-period";
import { addDays } from "@/lib/time/add-days";
import { deriveAnalytics } from "./derive-analytics";
import type { AnalyticsReadOptions } from "./get-analytics-kpis";
import { getWeekStart } from "./get-week-start";
import { readAnalyticsBuckets, type AnalyticsBucket } from "./read-analytics-buckets";
import type { AnalyticsTrend, TrendMetric, TrendsQuery } from "./schemas";
import { trendBucketStarts } from "./trend-bucket-starts";

/** The currency with the most revenue over the buckets (alphabetical on a tie); null without revenue. */
function topCurrency(buckets: AnalyticsBucket[]): string | null {
  const sums = new Map<string, number>();
  for (const b of buckets) for (const [c, cents] of b.revenue) sums.set(c, (sums.get(c) ?? 0) + cents);
  return [...sums.entries()].sort(([a, x], [b, y]) => y - x || a.localeCompare(b))[0]?.[0] ?? null;
}

function valueOf(b: AnalyticsBucket, metric: TrendMetric, currency: string | null): number | null {
  if (metric === "revenue") return currency ? (b.revenue.get(currency) ?? 0) : 0;
  const d = deriveAnalytics(b);
  if (metric === "positiveShare") return d.sentiment.positive;
  if (metric === "negativeShare") return d.sentiment.negative;
  return d[metric];
}

/**
 * One metric as a series by day, week or month over a range of local days (default: the last 30),
 * in the company's time zone. From the daily rollups (today from the raw rows), through the cache
 * (resource "analytics").
 */
export async function getAnalyticsTrend(
  companyId: string,
  query: TrendsQuery,
  opts: AnalyticsReadOptions = {},
): Promise<CachedResult<AnalyticsTrend>> {
  const period = resolvePeriod(query, "30d", await getCompanyTimezone(companyId), opts.now);
  const key = `trend:${query.metric}:${query.interval}:${query.currency ?? "-"}:${period.firstDay}:${period.lastDay}:${period.timezone}`;
  return cached({ resource: "analytics", companyId, key, bypass: opts.fresh }, async () => {
    const weekStart = query.interval === "week" ? await getWeekStart(companyId) : 1;
    const starts = trendBucketStarts(period.firstDay, period.lastDay, query.interval, weekStart);
    const buckets = await readAnalyticsBuckets(companyId, period.timezone, starts, opts.now);
    const currency = query.metric === "revenue" ? (query.currency ?? topCurrency(buckets)) : null;
    return {
      metric: query.metric,
      interval: query.interval,
      timezone: period.timezone,
      firstDay: period.firstDay,
      lastDay: period.lastDay,
      currency,
      series: buckets.map((b, i) => ({ start: starts[i]!, end: addDays(starts[i + 1]!, -1), value: valueOf(b, query.metric, currency) })),
    };
  });
}
