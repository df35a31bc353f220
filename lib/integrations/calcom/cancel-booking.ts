import { callVendor, RATE_LIMIT_RETRY } from "../http/call-vendor";
import { reconciledWrite } from "../http/reconciled-write";
import { bookingRequest } from "./bookings-request";
import type { CalcomConnection } from "./connection";
import type { WriteOptions } from "./create-booking";
import { getBooking } from "./get-booking";
import type { CalcomBooking } from "./schemas";

/**
 * POST /v2/bookings/{uid}/cancel. After an ambiguous failure the booking is read back: already
 * cancelled means done; otherwise the cancel is sent once more (cancelling is harmless to repeat,
 * but Cal.com answers a second one with an error, so we look first).
 */
export function cancelBooking(conn: CalcomConnection, uid: string, reason: string, opts: WriteOptions = {}): Promise<CalcomBooking> {
  const path = `/v2/bookings/${encodeURIComponent(uid)}/cancel`;
  return reconciledWrite({
    send: async () =>
      (
        await callVendor(
          conn.breaker,
          (signal) => bookingRequest(conn, signal, "POST", path, { cancellationReason: reason.slice(0, 500) }),
          { retry: RATE_LIMIT_RETRY },
        )
      ).value,
    reconcile: async () => {
      const { value } = await getBooking(conn, uid);
      return value.status === "cancelled" ? value : null;
    },
    reconcileDelayMs: opts.reconcileDelayMs,
  });
}
