import type { CalcomBooking } from "@/lib/integrations/calcom/schemas";
import { appointmentStatusOf } from "./appointment-status-of";
import { bookingText as text, type BookingFacts } from "./booking-facts";

/** Facts from a v2 API booking (what our own book/reschedule/cancel calls answered). */
export function bookingFactsFromApi(b: CalcomBooking, at = new Date()): BookingFacts {
  const attendee = b.attendees[0];
  return {
    uid: b.uid,
    status: appointmentStatusOf(b.status),
    title: text(b.title, 255) ?? "Appointment",
    startAt: new Date(b.start),
    endAt: new Date(b.end),
    timezone: attendee?.timeZone ?? "UTC",
    location: text(b.location, 255),
    attendee: { name: attendee?.name, email: attendee?.email, phone: attendee?.phoneNumber },
    metadata: b.metadata ?? {},
    cancelReason: text(b.cancellationReason, 500),
    at,
  };
}
