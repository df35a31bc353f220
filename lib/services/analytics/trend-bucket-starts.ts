import { addDays } from "@/lib/time/add-days";
import type { TrendInterval } from "./schemas";

/** 0 = Sunday … 6 = Saturday of a `YYYY-MM-DD` (a calendar date: no time zone involved). */
const weekdayOf = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();

/**
 * The first local day of every bucket from `from` to `to` (inclusive), then the day after `to`: days;
 * weeks starting on `weekStart` (0 = Sunday, 1 = Monday …; the first week is clipped at `from`); or
 * calendar months (clipped likewise). Pure date arithmetic on local days, so DST never moves a bucket.
 */
export function trendBucketStarts(from: string, to: string, interval: TrendInterval, weekStart = 1): string[] {
  const starts = [from];
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) {
    if (interval === "day" || (interval === "week" && weekdayOf(d) === weekStart) || (interval === "month" && d.endsWith("-01")))
      starts.push(d);
  }
  starts.push(addDays(to, 1));
  return starts;
}
