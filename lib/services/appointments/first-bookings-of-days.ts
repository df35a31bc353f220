import { and, asc, eq, gte, lt, sql } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { appointments, type AppointmentStatus } from "@/lib/db/schema/appointments";
import { customers } from "@/lib/db/schema/customers";
import { forCompany } from "@/lib/db/tenant";
import { calendarColumns } from "./calendar-columns";

/** The ids of one day's first `perDay` bookings: a short seek of the (company_id, start_at, id, status) index. */
function firstIdsOfDay(companyId: string, from: Date, to: Date, perDay: number, status?: AppointmentStatus) {
  return getDb()
    .select({ id: appointments.id })
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
    .orderBy(asc(appointments.startAt), asc(appointments.id))
    .limit(perDay);
}

/**
 * The first `perDay` bookings (with their customers) of each of the given days, oldest first, in one
 * statement whose cost follows the days shown, not the bookings they hold: the ids through a flat
 * UNION ALL of a few-entry index seek per day (drizzle's unionAll nests each step in parentheses,
 * which MariaDB refuses past a depth a month reaches), joined as a derived table to their rows and
 * customers (one round trip, not one for the ids and one for the rows).
 */
export async function firstBookingsOfDays(
  companyId: string,
  days: Array<{ from: Date; to: Date }>,
  perDay: number,
  status?: AppointmentStatus,
) {
  if (days.length === 0 || perDay === 0) return [];
  const union = sql.join(
    days.map((d) => sql`(${firstIdsOfDay(companyId, d.from, d.to, perDay, status)})`),
    sql` union all `,
  );
  return getDb()
    .select(calendarColumns)
    .from(appointments)
    .innerJoin(sql`(${union}) as first_ids`, sql`first_ids.id = ${appointments.id}`)
    .leftJoin(customers, and(eq(customers.companyId, appointments.companyId), eq(customers.id, appointments.customerId)))
    .where(forCompany(appointments, companyId))
    .orderBy(asc(appointments.startAt), asc(appointments.id));
}
