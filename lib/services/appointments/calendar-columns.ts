import { appointments } from "@/lib/db/schema/appointments";
import { customers } from "@/lib/db/schema/customers";

/** What a calendar row reads: the appointment and its customer's name and contacts (one left join). */
export const calendarColumns = {
  appointment: appointments,
  customerName: customers.name,
  customerPhone: customers.phone,
  customerEmail: customers.email,
};
