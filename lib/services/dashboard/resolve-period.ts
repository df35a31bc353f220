import { addDays, daysBetween } from "@/lib/time/add-days";
import { zonedDateOf } from "@/lib/time/zoned-date-of";
import { zonedDayStart } from "@/lib/time/zoned-day-start";
import type { DashboardRange, Period } from "./schemas";

const RANGE_DAYS: Record<DashboardRange, number> = { today: 1, "7d": 7, "30d": 30, "90d": 90 };

export interface PeriodInput {
  range?: DashboardRange;
  from?: string;
  to?: string;
}

const bounds = (firstDay: string, lastDay: string, tz: string) => ({
  firstDay,
  lastDay,
  from: zonedDayStart(firstDay, tz).toISOString(),
  to: zonedDayStart(addDays(lastDay, 1), tz).toISOString(),
});

/**
 * The period a dashboard request covers, as whole local days of the company: `today` is the
 * company's current calendar day, `7d` the last 7 days including today, a custom period its
 * from/to days. The previous period is the same number of days just before (for `today`:
 * yesterday, whole). Boundaries are local midnights as UTC instants (DST-correct), so they stay
 * the same all day long and make a stable cache key.
 */
export function resolvePeriod(input: PeriodInput, defaultRange: DashboardRange, timezone: string, now: Date = new Date()): Period {
  const today = zonedDateOf(now, timezone);
  const range = input.range ?? defaultRange;
  const [firstDay, lastDay] = input.from && input.to ? [input.from, input.to] : [addDays(today, 1 - RANGE_DAYS[range]), today];
  const days = daysBetween(firstDay, lastDay) + 1;
  return {
    range: input.from && input.to ? "custom" : range,
    timezone,
    days,
    ...bounds(firstDay, lastDay, timezone),
    previous: bounds(addDays(firstDay, -days), addDays(firstDay, -1), timezone),
  };
}

/** Every local midnight from the period's first day to the day after its last: the day buckets' edges. */
export function dayEdges(period: Pick<Period, "firstDay" | "days" | "timezone">): { dates: string[]; edges: Date[] } {
  const dates = Array.from({ length: period.days }, (_, i) => addDays(period.firstDay, i));
  const edges = [...dates, addDays(period.firstDay, period.days)].map((d) => zonedDayStart(d, period.timezone));
  return { dates, edges };
}
