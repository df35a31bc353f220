import { and, eq, gte, lte, ne } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { appointmentDayCounts } from "@/lib/db/schema/appointment-day-counts";
import type { AppointmentStatus } from "@/lib/db/schema/appointments";

/**
 * The stored bookings per local day and status for days `from`…`to` (`YYYY-MM-DD`, inclusive), from
 * appointment_day_counts: one range read of its primary key, a few rows a day, however many bookings
 * the days hold. Only days with a count are returned.
 */
export async function readAppointmentDayCounts(
  companyId: string,
  from: string,
  to: string,
  status?: AppointmentStatus,
): Promise<Array<{ day: string; status: AppointmentStatus; n: number }>> {
  return getDb()
    .select({ day: appointmentDayCounts.day, status: appointmentDayCounts.status, n: appointmentDayCounts.n })
    .from(appointmentDayCounts)
    .where(
      and(
        eq(appointmentDayCounts.companyId, companyId),
        gte(appointmentDayCounts.day, from),
        lte(appointmentDayCounts.day, to),
        status ? eq(appointmentDayCounts.status, status) : undefined,
        ne(appointmentDayCounts.n, 0),
      ),
    );
}
