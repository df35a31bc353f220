import type { AppointmentStatus } from "@/lib/db/schema/appointments";
import type { DbExecutor } from "@/lib/db/tenant";
import { addDays } from "@/lib/time/add-days";
import { zonedDayStart } from "@/lib/time/zoned-day-start";
import { countBookingsByDay } from "./count-bookings-by-day";

/** Days per statement: a month's worth of small index-only range counts in one UNION ALL. */
const CHUNK_DAYS = 31;

/**
 * What appointment_day_counts should hold for local days `from`…`to` (inclusive, `YYYY-MM-DD` in
 * `timezone`), counted from the raw appointments: `day|status` → n, zero counts left out. Read through
 * countBookingsByDay (index-only range counts, day starts computed here, so DST days are right).
 */
export async function countRawAppointmentDays(
  db: DbExecutor,
  companyId: string,
  timezone: string,
  from: string,
  to: string,
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (let start = from; start <= to; start = addDays(start, CHUNK_DAYS)) {
    const dates: string[] = [];
    for (let d = start; d <= to && dates.length < CHUNK_DAYS; d = addDays(d, 1)) dates.push(d);
    const starts = [...dates, addDays(dates.at(-1)!, 1)].map((d) => zonedDayStart(d, timezone));
    for (const c of await countBookingsByDay(companyId, starts, undefined, db))
      if (c.n > 0) counts.set(dayCountKey(dates[c.day]!, c.status), c.n);
  }
  return counts;
}

export const dayCountKey = (day: string, status: AppointmentStatus) => `${day}|${status}`;
