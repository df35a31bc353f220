import type { CallOptions } from "../http/call-vendor";
import { cancelBooking } from "./cancel-booking";
import { calcomConnection, type CalcomClientOptions } from "./connection";
import { createBooking, type WriteOptions } from "./create-booking";
import { getBooking } from "./get-booking";
import { getSlots } from "./get-slots";
import { listBookings } from "./list-bookings";
import { rescheduleBooking } from "./reschedule-booking";
import type { CalcomBooking, CalcomBookingPage, CalcomCreateBookingInput, CalcomListBookingsInput, CalcomSlots } from "./schemas";

/**
 * A Cal.com API v2 client for one API key. Reads return the breaker's `{value, fallback}`; writes
 * return the booking and never a fallback.
 */
export function createCalcomClient(opts: CalcomClientOptions) {
  const conn = calcomConnection(opts);
  return {
    listBookings: (input?: CalcomListBookingsInput, o?: CallOptions<CalcomBookingPage>) => listBookings(conn, input, o),
    getBooking: (uid: string, o?: CallOptions<CalcomBooking>) => getBooking(conn, uid, o),
    getSlots: (eventTypeId: number, start: string, end: string, timeZone: string, o?: CallOptions<CalcomSlots>) =>
      getSlots(conn, { eventTypeId, start, end, timeZone }, o),
    createBooking: (input: CalcomCreateBookingInput, o?: WriteOptions) => createBooking(conn, input, o),
    cancelBooking: (uid: string, reason: string, o?: WriteOptions) => cancelBooking(conn, uid, reason, o),
    rescheduleBooking: (uid: string, start: string, o?: WriteOptions & { reason?: string }) => rescheduleBooking(conn, uid, start, o),
  };
}

export type CalcomClient = ReturnType<typeof createCalcomClient>;
