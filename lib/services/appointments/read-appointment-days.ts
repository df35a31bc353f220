import { and, eq, gte, lte, ne } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { appointmentDayRevenue } from "@/lib/db/schema/appointment-day-revenue";
import type { AppointmentStatus } from "@/lib/db/schema/appointments";
import { zonedDateOf } from "@/lib/time/zoned-date-of";
import { countRawAppointmentDays } from "./count-raw-appointment-days";
import { countRawRevenueDays, type DayRevenue } from "./count-raw-revenue-days";
import { readAppointmentDayCounts } from "./read-appointment-day-counts";

export interface AppointmentDays {
  /** Appointments by local day of their start and status now. */
  counts: Array<{ day: string; status: AppointmentStatus; n: number }>;
  /** Completed appointments' prices by local day and currency. */
  revenue: DayRevenue[];
}

/**
 * A company's appointments by status and its revenue for local days `from`…`to` (inclusive): whole
 * days from the rollups (appointment_day_counts, appointment_day_revenue), the company's today from
 * the raw appointments, as readCallDays does for calls.
 */
export async function readAppointmentDays(
  companyId: string,
  timezone: string,
  from: string,
  to: string,
  now: Date = new Date(),
): Promise<AppointmentDays> {
  const today = zonedDateOf(now, timezone);
  const [counts, revenue] = await Promise.all([
    readAppointmentDayCounts(companyId, from, to),
    getDb()
      .select({
        day: appointmentDayRevenue.day,
        currency: appointmentDayRevenue.currency,
        cents: appointmentDayRevenue.cents,
        n: appointmentDayRevenue.n,
      })
      .from(appointmentDayRevenue)
      .where(
        and(
          eq(appointmentDayRevenue.companyId, companyId),
          gte(appointmentDayRevenue.day, from),
          lte(appointmentDayRevenue.day, to),
          ne(appointmentDayRevenue.n, 0),
        ),
      ),
  ]);
  const out: AppointmentDays = { counts: counts.filter((c) => c.day !== today), revenue: revenue.filter((r) => r.day !== today) };
  if (from <= today && today <= to) {
    const [rawCounts, rawRevenue] = await Promise.all([
      countRawAppointmentDays(getDb(), companyId, timezone, today, today),
      countRawRevenueDays(getDb(), companyId, timezone, today, today),
    ]);
    for (const [key, n] of rawCounts) out.counts.push({ day: today, status: key.split("|")[1] as AppointmentStatus, n });
    out.revenue.push(...rawRevenue.values());
  }
  return out;
}
