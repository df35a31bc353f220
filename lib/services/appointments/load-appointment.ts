import { eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { appointments, type Appointment } from "@/lib/db/schema/appointments";
import { findOneOr404, forCompany } from "@/lib/db/tenant";

/** The company's appointment, or 404 (another company's id answers the same). */
export function loadAppointment(companyId: string, appointmentId: string): Promise<Appointment> {
  return findOneOr404(
    getDb()
      .select()
      .from(appointments)
      .where(forCompany(appointments, companyId, eq(appointments.id, appointmentId)))
      .limit(1),
    "No such appointment.",
  );
}
