import { count, eq, gte, lt, sql } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { appointments, type AppointmentStatus } from "@/lib/db/schema/appointments";
import { forCompany } from "@/lib/db/tenant";

export interface DayStatusCount {
  /** Index of the local day in `dayStarts` (0 = the first day). */
  day: number;
  status: AppointmentStatus;
  n: number;
}

/**
 * How many bookings start on each local day, by status. `dayStarts` are the UTC instants at which the
 * days start, followed by the end of the last one (so n days → n + 1 instants), computed in the
 * company's zone by the caller: no database time-zone tables are needed, and a DST day of 23 or 25
 * hours is bucketed right. INTERVAL() finds each booking's day by binary search over the days'
 * offsets (in seconds from the first); the scan reads only the (company_id, start_at, status) index.
 */
export async function countBookingsByDay(companyId: string, dayStarts: Date[], status?: AppointmentStatus): Promise<DayStatusCount[]> {
  const from = dayStarts[0]!;
  const to = dayStarts[dayStarts.length - 1]!;
  const offsets = dayStarts.slice(0, -1).map((d) => Math.round((d.getTime() - from.getTime()) / 1000));
  const day = sql<number>`interval(timestampdiff(second, ${from}, ${appointments.startAt}), ${sql.join(
    offsets.map((o) => sql`${o}`),
    sql`, `,
  )}) - 1`;
  const rows = await getDb()
    .select({ day: day.as("day_index"), status: appointments.status, n: count() })
    .from(appointments)
    .where(
      forCompany(
        appointments,
        companyId,
        gte(appointments.startAt, from),
        lt(appointments.startAt, to),
        status ? eq(appointments.status, status) : undefined,
      ),
    )
    .groupBy(sql`day_index`, appointments.status)
    // No sort of the groups (MariaDB sorts GROUP BY output unless told not to; the caller indexes by day).
    .orderBy(sql`null`);
  return rows.map((r) => ({ day: Number(r.day), status: r.status, n: Number(r.n) }));
}
