import type { BreakerResult } from "@/lib/breaker/with-breaker";
import { callVendor, READ_RETRY, type CallOptions } from "../http/call-vendor";
import { bookingRequest } from "./bookings-request";
import type { CalcomConnection } from "./connection";
import type { CalcomBooking } from "./schemas";

/** GET /v2/bookings/{uid}. A read: retried once on an outage or 429. */
export function getBooking(
  conn: CalcomConnection,
  uid: string,
  opts: CallOptions<CalcomBooking> = {},
): Promise<BreakerResult<CalcomBooking>> {
  return callVendor(conn.breaker, (signal) => bookingRequest(conn, signal, "GET", `/v2/bookings/${encodeURIComponent(uid)}`), {
    ...opts,
    retry: READ_RETRY,
  });
}
