import { randomUUID } from "node:crypto";
import { callVendor, RATE_LIMIT_RETRY } from "../http/call-vendor";
import { reconciledWrite } from "../http/reconciled-write";
import { bookingRequest } from "./bookings-request";
import type { CalcomConnection } from "./connection";
import { listBookings } from "./list-bookings";
import { CALCOM_IDEMPOTENCY_KEY, calcomCreateBookingSchema, type CalcomBooking, type CalcomCreateBookingInput } from "./schemas";

export interface WriteOptions {
  /** Wait before looking for a write whose answer was lost (default 1 s). */
  reconcileDelayMs?: number;
}

/**
 * POST /v2/bookings — never sent twice blindly. Cal.com has no idempotency key, so our marker rides
 * in the booking's metadata: after an ambiguous failure (timeout, 5xx, dropped connection) the
 * attendee's bookings around that start are searched for it, and the booking is only made again if
 * it is not there. A caller-chosen `idempotencyKey` is looked up before the first attempt too. A 429
 * was not accepted and is retried after Cal.com's wait.
 */
export async function createBooking(
  conn: CalcomConnection,
  input: CalcomCreateBookingInput,
  opts: WriteOptions = {},
): Promise<CalcomBooking> {
  const req = calcomCreateBookingSchema.parse(input);
  const marker = req.idempotencyKey ?? randomUUID();
  const find = () =>
    findBookingByMarker(conn, { attendeeEmail: req.attendee.email, eventTypeId: req.eventTypeId, start: req.start, marker });
  if (req.idempotencyKey) {
    const existing = await find();
    if (existing) return existing;
  }
  const body = {
    start: new Date(req.start).toISOString(),
    eventTypeId: req.eventTypeId,
    attendee: req.attendee,
    ...(req.lengthInMinutes ? { lengthInMinutes: req.lengthInMinutes } : {}),
    metadata: { ...req.metadata, [CALCOM_IDEMPOTENCY_KEY]: marker },
  };
  return reconciledWrite({
    send: async () =>
      (await callVendor(conn.breaker, (signal) => bookingRequest(conn, signal, "POST", "/v2/bookings", body), { retry: RATE_LIMIT_RETRY }))
        .value,
    reconcile: find,
    reconcileDelayMs: opts.reconcileDelayMs,
  });
}

/** The booking carrying our marker: the attendee's bookings of that event type starting at `start`. */
export async function findBookingByMarker(
  conn: CalcomConnection,
  q: { attendeeEmail: string; eventTypeId: number; start: string; marker: string },
): Promise<CalcomBooking | null> {
  const at = new Date(q.start).getTime();
  const { value } = await listBookings(conn, {
    attendeeEmail: q.attendeeEmail,
    eventTypeId: q.eventTypeId,
    afterStart: new Date(at - 60_000).toISOString(),
    beforeEnd: new Date(at + 24 * 3_600_000).toISOString(),
    take: 100,
  });
  return value.items.find((b) => b.metadata?.[CALCOM_IDEMPOTENCY_KEY] === q.marker) ?? null;
}
