import type { AppointmentStatus } from "@/lib/db/schema/appointments";

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
  /** The price Cal.com names (minor units, ISO currency upper case); undefined when the source says nothing. */
  price?: BookingPrice | null;
}

export interface BookingPrice {
  cents: number;
  currency: string;
}

/** A Cal.com price (minor units) and currency as ours: null when either is missing, not whole or not a 3-letter code. */
export function bookingPrice(price: unknown, currency: unknown): BookingPrice | null {
  if (typeof price !== "number" || !Number.isInteger(price) || price < 0 || price > 2_000_000_000) return null;
  if (typeof currency !== "string" || !/^[a-z]{3}$/i.test(currency)) return null;
  return { cents: price, currency: currency.toUpperCase() };
}

/** The cancel reason of a booking replaced by a reschedule (Cal.com cancels the old uid). */
export const RESCHEDULED_REASON = "Rescheduled";

/** A vendor's free text as a column takes it: trimmed, cut to `max`, null when empty or not text. */
/** A vendor's time as a Date; null when absent or not a time. */
export const bookingDate = (v: string | null | undefined) => {
  const d = v ? new Date(v) : null;
  return d && !Number.isNaN(d.getTime()) ? d : null;
};

export const bookingText = (v: unknown, max: number) => (typeof v === "string" && v.trim() ? v.trim().slice(0, max) : null);
