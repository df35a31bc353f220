import { date, int, mysqlEnum, mysqlTable, primaryKey } from "drizzle-orm/mysql-core";
import { APPOINTMENT_STATUSES } from "./appointments";
import { ref, timestamps } from "./util";

/**
 * Appointments per company, LOCAL day (the company's time zone) and status: how many bookings start
 * on that day and are in that status now. The first of the daily rollups (analytics' "appointments by
 * final status"; calls get their own `call_day_counts` beside it, one narrow table per source so each
 * write touches only its own rows). Kept current in the same transaction as every write that creates
 * an appointment, moves its start or changes its status (lib/services/appointments/
 * adjust-appointment-day-counts.ts), rebuilt from the raw rows when the company's time zone changes,
 * and checked against them by the `appointment-day-counts-reconcile` job. A later metric of the same
 * grain (say revenue of the completed ones) is another column here.
 */
export const appointmentDayCounts = mysqlTable(
  "appointment_day_counts",
  {
    companyId: ref("company_id").notNull(),
    /** The local calendar day, `YYYY-MM-DD`, in the company's time zone at the time of the write. */
    day: date("day", { mode: "string" }).notNull(),
    status: mysqlEnum("status", APPOINTMENT_STATUSES).notNull(),
    /** Signed: a lost row shows as a negative count the reconcile job repairs, never a failed write. */
    n: int("n").notNull().default(0),
    ...timestamps,
  },
  (t) => [
    // The natural key is the primary key: writes upsert into it, and a company's month is one range
    // scan of a few hundred entries (the calendar summary, analytics by day).
    primaryKey({ name: "appointment_day_counts_pk", columns: [t.companyId, t.day, t.status] }),
  ],
);

export type AppointmentDayCount = typeof appointmentDayCounts.$inferSelect;
