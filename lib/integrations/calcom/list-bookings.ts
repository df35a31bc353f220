import type { BreakerResult } from "@/lib/breaker/with-breaker";
import { callVendor, READ_RETRY, type CallOptions } from "../http/call-vendor";
import { requestJson } from "../http/request-json";
import { calcomHeaders, type CalcomConnection } from "./connection";
import { calcomBookingListSchema, calcomErrorCode, type CalcomBookingPage, type CalcomListBookingsInput } from "./schemas";

/** GET /v2/bookings (take/skip pagination). A read: retried once on an outage or 429. */
export function listBookings(
  conn: CalcomConnection,
  input: CalcomListBookingsInput = {},
  opts: CallOptions<CalcomBookingPage> = {},
): Promise<BreakerResult<CalcomBookingPage>> {
  const take = Math.min(250, Math.max(1, input.take ?? 100));
  const skip = Math.max(0, input.skip ?? 0);
  return callVendor(
    conn.breaker,
    async (signal) => {
      const { data } = await requestJson({
        vendor: "calcom",
        baseUrl: conn.baseUrl,
        method: "GET",
        path: "/v2/bookings",
        query: {
          status: input.status?.join(","),
          attendeeEmail: input.attendeeEmail,
          eventTypeId: input.eventTypeId,
          afterStart: input.afterStart,
          beforeEnd: input.beforeEnd,
          sortStart: input.sortStart,
          take,
          skip,
        },
        headers: calcomHeaders(conn, "bookings"),
        signal,
        schema: calcomBookingListSchema,
        errorCode: calcomErrorCode,
      });
      const hasMore = data.pagination ? data.pagination.hasNextPage : data.data.length === take;
      return { items: data.data, total: data.pagination?.totalItems ?? null, hasMore, nextSkip: hasMore ? skip + data.data.length : null };
    },
    { ...opts, retry: READ_RETRY },
  );
}
