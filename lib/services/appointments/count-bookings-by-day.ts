import { eq, gte, lt, sql } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { appointments, type AppointmentStatus } from "@/lib/db/schema/appointments";
import { forCompany, type DbExecutor } from "@/lib/db/tenant";

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
 * hours is bucketed right. One flat UNION ALL of one range count per day, each read from the
 * (company_id, start_at, id, status) index alone (no row reads, no expression per row). The raw
 * truth the day counts are rebuilt and reconciled from; `db` is the transaction they run in.
 */
export async function countBookingsByDay(
  companyId: string,
  dayStarts: Date[],
  status?: AppointmentStatus,
  db: DbExecutor = getDb(),
): Promise<DayStatusCount[]> {
  const perDay = dayStarts.slice(0, -1).map((from, i) =>
    db
      .select({ day: sql<number>`${i}`.as("day"), status: appointments.status, n: sql<number>`count(*)`.as("n") })
      .from(appointments)
      .where(
        forCompany(
          appointments,
          companyId,
          gte(appointments.startAt, from),
          lt(appointments.startAt, dayStarts[i + 1]!),
          status ? eq(appointments.status, status) : undefined,
        ),
      )
      .groupBy(appointments.status),
  );
  if (perDay.length === 0) return [];
  const [rows] = (await db.execute(
    sql.join(
      perDay.map((q) => sql`(${q})`),
      sql` union all `,
    ),
  )) as unknown as [Array<{ day: number | string; status: AppointmentStatus; n: number | string }>];
  return rows.map((r) => ({ day: Number(r.day), status: r.status, n: Number(r.n) }));
}
