import { cached } from "@/lib/cache/cached";
import type { CachedResult } from "@/lib/cache/types";
import { SENTIMENTS } from "@/lib/db/schema/calls";
import { getCompanyTimezone } from "@/lib/services/companies/get-company-timezone";
import { resolvePeriod } from "@/lib/services/dashboard/resolve-period";
import { compareRevenue, kpi } from "@/lib/services/dashboard/to-kpis";
import { addDays } from "@/lib/time/add-days";
import { deriveAnalytics } from "./derive-analytics";
import { readWeekdayHours } from "./read-weekday-hours";
import { readAnalyticsBuckets } from "./read-analytics-buckets";
import type { AnalyticsKpis, KpisQuery } from "./schemas";

export interface AnalyticsReadOptions {
  /** The client sent Cache-Control: no-cache. */
  fresh?: boolean;
  now?: Date;
}

/** Every reason seen in either period, most calls first (then by name); "" for calls without one. */
function compareReasons(cur: Map<string, number>, prev: Map<string, number>): AnalyticsKpis["disconnectionReasons"] {
  const reasons = [...new Set([...cur.keys(), ...prev.keys()])];
  return reasons
    .map((reason) => {
      const [current, previous] = [cur.get(reason) ?? 0, prev.get(reason) ?? 0];
      return { reason, current, previous, change: kpi(current, previous).change };
    })
    .sort((a, b) => b.current - a.current || a.reason.localeCompare(b.reason));
}

const money = (m: Map<string, number>) => [...m.entries()].map(([currency, cents]) => ({ currency, cents }));

/**
 * Answer rate, average duration, booking conversion, no-show rate, sentiment mix and revenue for a
 * range of local days (default: the last 30 including today) and the same number of days before it,
 * each with the relative change. From the daily rollups (today from the raw rows), through the cache
 * (resource "analytics", L2 900 s; calls.created and appointments.updated invalidate it).
 */
export async function getAnalyticsKpis(
  companyId: string,
  query: KpisQuery,
  opts: AnalyticsReadOptions = {},
): Promise<CachedResult<AnalyticsKpis>> {
  const period = resolvePeriod(query, "30d", await getCompanyTimezone(companyId), opts.now);
  return cached(
    { resource: "analytics", companyId, key: `kpis:${period.firstDay}:${period.lastDay}:${period.timezone}`, bypass: opts.fresh },
    async () => {
      const [[prev, cur], weekdayHours] = await Promise.all([
        readAnalyticsBuckets(companyId, period.timezone, [period.previous.firstDay, period.firstDay, addDays(period.lastDay, 1)], opts.now),
        readWeekdayHours(companyId, period.timezone, period.firstDay, period.lastDay, opts.now),
      ]);
      if (!prev || !cur) throw new Error("analytics: expected two buckets");
      const [c, p] = [deriveAnalytics(cur), deriveAnalytics(prev)];
      const pick = <K extends "calls" | "answered" | "answerRate" | "avgDurationSec" | "bookings" | "conversion" | "noShowRate">(k: K) =>
        kpi(c[k], p[k]);
      return {
        period,
        kpis: {
          calls: pick("calls"),
          answered: pick("answered"),
          answerRate: pick("answerRate"),
          avgDurationSec: pick("avgDurationSec"),
          bookings: pick("bookings"),
          conversion: pick("conversion"),
          noShowRate: pick("noShowRate"),
        },
        sentiment: Object.fromEntries(SENTIMENTS.map((s) => [s, kpi(c.sentiment[s], p.sentiment[s])])) as AnalyticsKpis["sentiment"],
        revenue: compareRevenue(money(cur.revenue), money(prev.revenue)),
        disconnectionReasons: compareReasons(cur.reasons, prev.reasons),
        callsByWeekdayHour: weekdayHours,
      };
    },
  );
}
