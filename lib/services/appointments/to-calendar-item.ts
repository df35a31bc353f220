import type { Appointment } from "@/lib/db/schema/appointments";
import type { CalendarItem } from "./schemas";
import { toAppointmentView } from "./to-appointment-view";

/** A calendar row (appointment + its customer's columns) as the API shows it. */
export function toCalendarItem(row: {
  appointment: Appointment;
  customerName: string | null;
  customerPhone: string | null;
  customerEmail: string | null;
}): CalendarItem {
  const view = toAppointmentView(row.appointment);
  return {
    ...view,
    customer:
      view.customerId && row.customerName !== null
        ? { id: view.customerId, name: row.customerName, phone: row.customerPhone, email: row.customerEmail }
        : null,
  };
}
