import type { BreakerResult } from "@/lib/breaker/with-breaker";
import { callVendor, READ_RETRY, type CallOptions } from "../http/call-vendor";
import { requestJson } from "../http/request-json";
import { retellHeaders, type RetellConnection } from "./connection";
import { retellCallSchema, retellErrorCode, type RetellCall } from "./schemas";

/** GET /v2/get-call/{call_id}: one call with transcript, recording and analysis. A read: retried once on an outage or 429. */
export function getCall(conn: RetellConnection, callId: string, opts: CallOptions<RetellCall> = {}): Promise<BreakerResult<RetellCall>> {
  return callVendor(
    conn.breaker,
    async (signal) =>
      (
        await requestJson({
          vendor: "retell",
          baseUrl: conn.baseUrl,
          method: "GET",
          path: `/v2/get-call/${encodeURIComponent(callId)}`,
          headers: retellHeaders(conn),
          signal,
          schema: retellCallSchema,
          errorCode: retellErrorCode,
        })
      ).data,
    { ...opts, retry: READ_RETRY },
  );
}
