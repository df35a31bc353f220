import type { AppointmentStatus } from "@/lib/db/schema/appointments";

/** Webhook payloads spell statuses in capitals, the v2 API in lower case. */
export function appointmentStatusOf(calStatus: string | undefined): AppointmentStatus {
  switch ((calStatus ?? "").toLowerCase()) {
    case "accepted":
      return "confirmed";
    case "cancelled":
    case "rejected":
      return "cancelled";
    default:
      return "scheduled";
  }
}
