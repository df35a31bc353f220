import type { AppointmentStatus } from "@/lib/db/schema/appointments";
import type { CalcomWebhook } from "@/lib/integrations/calcom/events";
import type { CalcomBooking } from "@/lib/integrations/calcom/schemas";

/** What a Cal.com booking (webhook payload or API answer) says about our appointments row. */
export interface BookingFacts {
  uid: string;
  status: AppointmentStatus;
  title: string;
  startAt: Date;
  endAt: Date;
  timezone: string;
  location: string | null;
  attendee: { name?: string; email?: string; phone?: string };
  /** Our ids ride in the booking's metadata: sb_customer_id, sb_call_id (or retell_call_id). */
  metadata: Record<string, unknown>;
  cancelReason: string | null;
  /** When Cal.com says this happened (the webhook's createdAt; now for API answers). */
  at: Date;
  /** Times not known but inferred (a row written before its own booking's event): they never overwrite known ones. */
  timesGuessed?: boolean;
}

/** The cancel reason of a booking replaced by a reschedule (Cal.com cancels the old uid). */
export const RESCHEDULED_REASON = "Rescheduled";

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

const validDate = (v: string | null | undefined) => {
  const d = v ? new Date(v) : null;
  return d && !Number.isNaN(d.getTime()) ? d : null;
};
const text = (v: unknown, max: number) => (typeof v === "string" && v.trim() ? v.trim().slice(0, max) : null);

/** Facts from a webhook; null when the payload lacks what a row needs (uid, start, end). */
export function bookingFactsFromWebhook(w: CalcomWebhook, status: AppointmentStatus): BookingFacts | null {
  const p = w.payload;
  const startAt = validDate(p.startTime);
  const endAt = validDate(p.endTime);
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
    at: validDate(w.createdAt) ?? new Date(),
  };
}

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
