import { bigint, date, int, mysqlTable, primaryKey, varchar } from "drizzle-orm/mysql-core";
import { ref, timestamps } from "./util";

/**
 * Revenue per company, LOCAL day of the appointment's start and currency: the sum of price_cents over
 * the completed appointments that carry a price (`n` of them). Beside appointment_day_counts (whose key
 * has no currency) and kept by the same writes in the same transaction
 * (lib/services/appointments/adjust-appointment-day-counts.ts), rebuilt and reconciled with it.
 */
export const appointmentDayRevenue = mysqlTable(
  "appointment_day_revenue",
  {
    companyId: ref("company_id").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    /** ISO 4217, upper case. */
    currency: varchar("currency", { length: 3 }).notNull(),
    cents: bigint("cents", { mode: "number" }).notNull().default(0),
    n: int("n").notNull().default(0),
    ...timestamps,
  },
  (t) => [
    // The natural key: writes upsert into it; a period's revenue is one range scan of its days.
    primaryKey({ name: "appointment_day_revenue_pk", columns: [t.companyId, t.day, t.currency] }),
  ],
);

export type AppointmentDayRevenue = typeof appointmentDayRevenue.$inferSelect;
