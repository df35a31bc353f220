import { cached } from "@/lib/cache/cached";
import type { CachedResult } from "@/lib/cache/types";
import { getCompanyTimezone } from "@/lib/services/companies/get-company-timezone";
import { aggregateCallBuckets } from "./aggregate-call-buckets";
import { keepRevalidating } from "./keep-revalidating";
import { resolvePeriod } from "./resolve-period";
import type { DashboardOverview, OverviewQuery } from "./schemas";
import { toKpis } from "./to-kpis";

export interface DashboardReadOptions {
  /** The client sent Cache-Control: no-cache. */
  fresh?: boolean;
  now?: Date;
}

/**
 * The dashboard's KPIs for a period (default: today, in the company's timezone) and the period
 * before it, through the cache (resource "dashboard", keyed by the period's bounds, which only
 * move at the company's midnight). One aggregate covers both periods: edges [previous.from, from, to].
 */
export async function getOverview(
  companyId: string,
  query: OverviewQuery,
  opts: DashboardReadOptions = {},
): Promise<CachedResult<DashboardOverview>> {
  const period = resolvePeriod(query, "today", await getCompanyTimezone(companyId), opts.now);
  const result = await cached(
    { resource: "dashboard", companyId, key: `overview:${period.from}:${period.to}`, bypass: opts.fresh },
    async () => {
      const [previous, current] = await aggregateCallBuckets(
        companyId,
        [period.previous.from, period.from, period.to].map((d) => new Date(d)),
      );
      if (!previous || !current) throw new Error("dashboard: expected two buckets");
      return { period, kpis: toKpis(current, previous) };
    },
  );
  return keepRevalidating(result);
}
