import { and, asc, eq, gte, lt } from "drizzle-orm";
import { unionAll } from "drizzle-orm/mysql-core";
import { getDb } from "@/lib/db/client";
import { appointments, type AppointmentStatus } from "@/lib/db/schema/appointments";
import { customers } from "@/lib/db/schema/customers";
import { forCompany } from "@/lib/db/tenant";
import { calendarColumns } from "./calendar-columns";

type CalendarRow = Awaited<ReturnType<typeof firstOfDay>>[number];

function firstOfDay(companyId: string, from: Date, to: Date, perDay: number, status?: AppointmentStatus) {
  return getDb()
    .select(calendarColumns)
    .from(appointments)
    .leftJoin(customers, and(eq(customers.companyId, appointments.companyId), eq(customers.id, appointments.customerId)))
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
 * The first `perDay` bookings (with their customers) of each of the given days, in one statement: a
 * UNION ALL of one short seek of the (company_id, start_at, status) index per day, so the cost
 * follows the days shown, not the bookings they hold. Rows come back grouped by day, oldest first.
 */
export async function firstBookingsOfDays(
  companyId: string,
  days: Array<{ from: Date; to: Date }>,
  perDay: number,
  status?: AppointmentStatus,
): Promise<CalendarRow[]> {
  if (days.length === 0 || perDay === 0) return [];
  const [head, ...rest] = days.map((d) => firstOfDay(companyId, d.from, d.to, perDay, status));
  if (rest.length === 0) return head!;
  return unionAll(head!, rest[0]!, ...rest.slice(1));
}
