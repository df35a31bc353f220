import { ApiError } from "@/lib/api/errors";
import { callVendor, RATE_LIMIT_RETRY } from "../http/call-vendor";
import { reconciledWrite } from "../http/reconciled-write";
import { bookingRequest } from "./bookings-request";
import type { CalcomConnection } from "./connection";
import type { WriteOptions } from "./create-booking";
import { getBooking } from "./get-booking";
import type { CalcomBooking } from "./schemas";

/**
 * POST /v2/bookings/{uid}/reschedule → the NEW booking (a new uid; the old one is cancelled and
 * points at it with `rescheduledToUid`). A reschedule creates a booking, so it is never resent
 * blindly: after an ambiguous failure the original is read back and, if it already moved, the new
 * booking is returned; only a booking still in place is rescheduled again.
 */
export function rescheduleBooking(
  conn: CalcomConnection,
  uid: string,
  start: string,
  opts: WriteOptions & { reason?: string } = {},
): Promise<CalcomBooking> {
  const at = new Date(start);
  if (Number.isNaN(at.getTime()))
    throw new ApiError("validation_failed", undefined, { details: [{ field: "start", message: "must be an ISO 8601 instant" }] });
  const body = { start: at.toISOString(), ...(opts.reason ? { reschedulingReason: opts.reason.slice(0, 500) } : {}) };
  const path = `/v2/bookings/${encodeURIComponent(uid)}/reschedule`;
  return reconciledWrite({
    send: async () =>
      (await callVendor(conn.breaker, (signal) => bookingRequest(conn, signal, "POST", path, body), { retry: RATE_LIMIT_RETRY })).value,
    reconcile: async () => {
      const { value: original } = await getBooking(conn, uid);
      if (original.rescheduledToUid) return (await getBooking(conn, original.rescheduledToUid)).value;
      // Cancelled without a successor: we cannot tell what happened, so nothing is resent.
      if (original.status === "cancelled") throw new Error("cancelled without rescheduledToUid");
      return null;
    },
    reconcileDelayMs: opts.reconcileDelayMs,
  });
}
