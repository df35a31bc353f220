import { cached } from "@/lib/cache/cached";
import { cacheKeyOf } from "@/lib/cache/cache-key-of";
import type { CachedResult } from "@/lib/cache/types";
import { APPOINTMENT_STATUSES, type AppointmentStatus } from "@/lib/db/schema/appointments";
import { getCompanyTimezone } from "@/lib/services/companies/get-company-timezone";
import { addDays } from "@/lib/time/add-days";
import { zonedDayStart } from "@/lib/time/zoned-day-start";
import { zonedDateOf } from "@/lib/time/zoned-date-of";
import { businessHoursOf } from "./business-hours-of";
import { firstBookingsOfDays } from "./first-bookings-of-days";
import { readAppointmentDayCounts } from "./read-appointment-day-counts";
import { resolveCalendarRange } from "./resolve-calendar-range";
import type { CalendarDay, CalendarSummaryQuery } from "./schemas";
import { toCalendarItem } from "./to-calendar-item";

export interface CalendarSummary {
  items: CalendarDay[];
  meta: {
    from: string;
    to: string;
    timezone: string;
    businessHours: Record<string, Array<{ open: string; close: string }>>;
    businessHoursDefault: boolean;
    perDay: number;
    nextCursor: null;
  };
}

const zeroCounts = (): Record<AppointmentStatus, number> =>
  Object.fromEntries(APPOINTMENT_STATUSES.map((s) => [s, 0])) as Record<AppointmentStatus, number>;

/**
 * The month view's answer: every local day of the range (company time zone, at most 62 days) with its
 * bookings counted by status and its first `perDay` bookings, so a busy month costs two small queries
 * (the per-day counts kept on write in appointment_day_counts, one seek per day with bookings) instead
 * of counting or reading every booking. From MySQL
 * only (answers while Cal.com is down); cached as resource "calendar" (L2 300 s, `appointments.updated`).
 */
export async function summarizeCalendar(
  companyId: string,
  query: CalendarSummaryQuery,
  opts: { fresh?: boolean } = {},
): Promise<CachedResult<CalendarSummary>> {
  const { from, to, status, perDay } = query;
  const timezone = await getCompanyTimezone(companyId);
  const range = resolveCalendarRange(from, to, timezone);
  const key = `summary:${await cacheKeyOf({ from: range.from.toISOString(), to: range.to.toISOString(), status, perDay })}`;
  return cached({ resource: "calendar", companyId, key, bypass: opts.fresh }, async () => {
    const dates: string[] = [];
    for (let d = from; d <= to; d = addDays(d, 1)) dates.push(d);
    const starts = [...dates.map((d) => zonedDayStart(d, timezone)), range.to];
    const days: CalendarDay[] = dates.map((date) => ({ date, total: 0, byStatus: zeroCounts(), first: [] }));
    const byDate = new Map(days.map((d) => [d.date, d]));
    const [counts, hours] = await Promise.all([readAppointmentDayCounts(companyId, from, to, status), businessHoursOf(companyId)]);
    for (const c of counts) {
      const day = byDate.get(c.day);
      if (!day) continue;
      day.byStatus[c.status] += c.n;
      day.total += c.n;
    }
    const busy = days.flatMap((d, i) => (d.total > 0 ? [{ from: starts[i]!, to: starts[i + 1]! }] : []));
    for (const row of await firstBookingsOfDays(companyId, busy, perDay, status)) {
      byDate.get(zonedDateOf(row.appointment.startAt, timezone))?.first.push(toCalendarItem(row));
    }
    for (const d of days) d.first.sort((a, b) => a.startAt.localeCompare(b.startAt) || a.id.localeCompare(b.id));
    return {
      items: days,
      meta: {
        from: range.from.toISOString(),
        to: range.to.toISOString(),
        timezone,
        businessHours: hours.hours as CalendarSummary["meta"]["businessHours"],
        businessHoursDefault: hours.isDefault,
        perDay,
        nextCursor: null,
      },
    };
  });
}
