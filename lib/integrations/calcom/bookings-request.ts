import { requestJson } from "../http/request-json";
import { calcomHeaders, type CalcomConnection } from "./connection";
import { calcomBookingSchema, calcomEnvelope, calcomErrorCode, type CalcomBooking } from "./schemas";

const bookingEnvelope = calcomEnvelope(calcomBookingSchema);

/** One bookings-endpoint exchange answering a single booking (`{status, data: booking}`). */
export async function bookingRequest(
  conn: CalcomConnection,
  signal: AbortSignal,
  method: "GET" | "POST",
  path: string,
  body?: unknown,
): Promise<CalcomBooking> {
  const { data } = await requestJson({
    vendor: "calcom",
    baseUrl: conn.baseUrl,
    method,
    path,
    headers: calcomHeaders(conn, "bookings"),
    body,
    signal,
    schema: bookingEnvelope,
    errorCode: calcomErrorCode,
  });
  return data.data;
}
