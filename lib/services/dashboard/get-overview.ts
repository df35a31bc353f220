import { cached } from "@/lib/cache/cached";
import { answerChangesAt } from "@/lib/cache/epoch";
import type { CachedResult } from "@/lib/cache/types";
import { getCompanyTimezone } from "@/lib/services/companies/get-company-timezone";
import { readAppointmentDays } from "@/lib/services/appointments/read-appointment-days";
import { addDays } from "@/lib/time/add-days";
import { zonedDateOf } from "@/lib/time/zoned-date-of";
import { zonedDayStart } from "@/lib/time/zoned-day-start";
import { aggregateCallBuckets } from "./aggregate-call-buckets";
import { keepRevalidating } from "./keep-revalidating";
import { resolvePeriod } from "./resolve-period";
import type { DashboardOverview, OverviewQuery } from "./schemas";
import { sumRevenue } from "./sum-revenue";
import { compareRevenue, toKpis } from "./to-kpis";

export interface DashboardReadOptions {
  /** The client sent Cache-Control: no-cache. */
  fresh?: boolean;
  now?: Date;
}

/**
 * The dashboard's KPIs and revenue for a period (default: today, in the company's timezone) and the
 * period before it, through the cache (resource "dashboard", keyed by the period's bounds, which only
 * move at the company's midnight). Whole days come from the daily rollups, today from the raw rows.
 */
export async function getOverview(
  companyId: string,
  query: OverviewQuery,
  opts: DashboardReadOptions = {},
): Promise<CachedResult<DashboardOverview>> {
  const period = resolvePeriod(query, "today", await getCompanyTimezone(companyId), opts.now);
  // "today", "7d" … mean other days after the company's midnight: an answer kept for the URL ends there.
  answerChangesAt(zonedDayStart(addDays(zonedDateOf(opts.now ?? new Date(), period.timezone), 1), period.timezone).getTime());
  const result = await cached(
    { resource: "dashboard", companyId, key: `overview:${period.from}:${period.to}`, bypass: opts.fresh },
    async () => {
      const starts = [period.previous.firstDay, period.firstDay, addDays(period.lastDay, 1)];
      const [[previous, current], appointments] = await Promise.all([
        aggregateCallBuckets(companyId, period.timezone, starts, opts.now),
        readAppointmentDays(companyId, period.timezone, period.previous.firstDay, period.lastDay, opts.now),
      ]);
      if (!previous || !current) throw new Error("dashboard: expected two buckets");
      const revenue = compareRevenue(
        sumRevenue(appointments.revenue, period.firstDay, period.lastDay),
        sumRevenue(appointments.revenue, period.previous.firstDay, period.previous.lastDay),
      );
      return { period, kpis: toKpis(current, previous), revenue };
    },
  );
  return keepRevalidating(result);
}
