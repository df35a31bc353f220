import type { BreakerResult } from "@/lib/breaker/with-breaker";
import { callVendor, READ_RETRY, type CallOptions } from "../http/call-vendor";
import { requestJson } from "../http/request-json";
import { calcomHeaders, type CalcomConnection } from "./connection";
import { calcomErrorCode, calcomSlotsSchema, type CalcomSlots } from "./schemas";

/**
 * GET /v2/slots (cal-api-version 2024-09-04): free slots of an event type between `start` and `end`
 * (ISO dates or instants), grouped by local date in `timeZone`. A read: retried once on an outage or 429.
 */
export function getSlots(
  conn: CalcomConnection,
  input: { eventTypeId: number; start: string; end: string; timeZone: string },
  opts: CallOptions<CalcomSlots> = {},
): Promise<BreakerResult<CalcomSlots>> {
  return callVendor(
    conn.breaker,
    async (signal) =>
      (
        await requestJson({
          vendor: "calcom",
          baseUrl: conn.baseUrl,
          method: "GET",
          path: "/v2/slots",
          query: { eventTypeId: input.eventTypeId, start: input.start, end: input.end, timeZone: input.timeZone },
          headers: calcomHeaders(conn, "slots"),
          signal,
          schema: calcomSlotsSchema,
          errorCode: calcomErrorCode,
        })
      ).data.data,
    { ...opts, retry: READ_RETRY },
  );
}
