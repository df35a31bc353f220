import type { AppointmentStatus } from "@/lib/db/schema/appointments";
import type { CalcomWebhook } from "@/lib/integrations/calcom/events";
import { bookingDate, bookingPrice, bookingText as text, type BookingFacts } from "./booking-facts";

/** Facts from a webhook; null when the payload lacks what a row needs (uid, start, end). */
export function bookingFactsFromWebhook(w: CalcomWebhook, status: AppointmentStatus): BookingFacts | null {
  const p = w.payload;
  const startAt = bookingDate(p.startTime);
  const endAt = bookingDate(p.endTime);
  if (!p.uid || !startAt || !endAt) return null;
  const attendee = p.attendees?.[0];
  const phone = (attendee as { phoneNumber?: unknown } | undefined)?.phoneNumber;
  return {
    uid: p.uid,
    status,
    title: text(p.title, 255) ?? text(p.type, 255) ?? "Appointment",
    startAt,
    endAt,
    timezone: attendee?.timeZone ?? p.organizer?.timeZone ?? "UTC",
    location: text(p.location, 255),
    attendee: { name: attendee?.name, email: attendee?.email, phone: typeof phone === "string" ? phone : undefined },
    metadata: p.metadata ?? {},
    cancelReason: text(p.cancellationReason, 500),
    at: bookingDate(w.createdAt) ?? new Date(),
    // Free event types send price 0 (and often no currency): no price, not revenue of 0 in no currency.
    price: p.price ? bookingPrice(p.price, p.currency) : p.price === 0 ? null : undefined,
  };
}
