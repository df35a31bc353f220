import type { Appointment } from "@/lib/db/schema/appointments";
import { appointmentViewSchema, type AppointmentView } from "./schemas";

/** An appointments row as the API shows it (ISO times, only the schema's fields; never the Cal.com uid). */
export function toAppointmentView(row: Appointment): AppointmentView {
  return appointmentViewSchema.parse({
    id: row.id,
    status: row.status,
    title: row.title,
    startAt: row.startAt.toISOString(),
    endAt: row.endAt.toISOString(),
    timezone: row.timezone,
    location: row.location,
    notes: row.notes,
    customerId: row.customerId,
    sourceCallId: row.sourceCallId,
    cancelReason: row.cancelReason,
    cancelledAt: row.cancelledAt?.toISOString() ?? null,
  });
}
