import { cached } from "@/lib/cache/cached";
import type { CachedResult } from "@/lib/cache/types";
import { getCompanyTimezone } from "@/lib/services/companies/get-company-timezone";
import { addDays } from "@/lib/time/add-days";
import { aggregateCallBuckets } from "./aggregate-call-buckets";
import type { DashboardReadOptions } from "./get-overview";
import { keepRevalidating } from "./keep-revalidating";
import { dayEdges, resolvePeriod } from "./resolve-period";
import type { DashboardMetrics, MetricsQuery } from "./schemas";
import { deriveMetrics } from "./to-kpis";

/**
 * A daily series (company timezone) of calls, answered calls, bookings and average answered
 * duration; default the last 30 days. Through the cache (resource "dashboard").
 */
export async function getMetrics(
  companyId: string,
  query: MetricsQuery,
  opts: DashboardReadOptions = {},
): Promise<CachedResult<DashboardMetrics>> {
  const period = resolvePeriod(query, "30d", await getCompanyTimezone(companyId), opts.now);
  const key = `metrics:${query.interval}:${period.from}:${period.to}`;
  const result = await cached({ resource: "dashboard", companyId, key, bypass: opts.fresh }, async () => {
    const { dates, edges } = dayEdges(period);
    const buckets = await aggregateCallBuckets(companyId, period.timezone, [...dates, addDays(period.lastDay, 1)], opts.now);
    const series = buckets.map((b, i) => {
      const { calls, answered, bookings, avgDurationSec } = deriveMetrics(b);
      return { date: dates[i]!, from: edges[i]!.toISOString(), calls, answered, bookings, avgDurationSec };
    });
    return { period, interval: query.interval, series };
  });
  return keepRevalidating(result);
}
