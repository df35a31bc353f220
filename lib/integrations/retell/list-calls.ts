import type { BreakerResult } from "@/lib/breaker/with-breaker";
import { callVendor, READ_RETRY, type CallOptions } from "../http/call-vendor";
import { requestJson } from "../http/request-json";
import { retellHeaders, type RetellConnection } from "./connection";
import { retellCallListSchema, retellErrorCode, type RetellCallPage, type RetellListCallsInput } from "./schemas";

/**
 * POST /v3/list-calls: one page, newest first by default. A read (POST only because the filter is a
 * body): retried once on an outage or 429. Items carry no transcript or recording — get-call has them.
 */
export function listCalls(
  conn: RetellConnection,
  input: RetellListCallsInput = {},
  opts: CallOptions<RetellCallPage> = {},
): Promise<BreakerResult<RetellCallPage>> {
  const body = { sort_order: "descending", limit: 50, ...input };
  return callVendor(
    conn.breaker,
    async (signal) => {
      const { data } = await requestJson({
        vendor: "retell",
        baseUrl: conn.baseUrl,
        method: "POST",
        path: "/v3/list-calls",
        headers: retellHeaders(conn),
        body,
        signal,
        schema: retellCallListSchema,
        errorCode: retellErrorCode,
      });
      return { items: data.items, paginationKey: data.has_more ? (data.pagination_key ?? null) : null, hasMore: data.has_more };
    },
    { ...opts, retry: READ_RETRY },
  );
}

/** Every call matching `input`, page after page (each page its own breaker call), at most `maxPages`. */
export async function* iterateCalls(conn: RetellConnection, input: RetellListCallsInput = {}, maxPages = 100) {
  let key = input.pagination_key;
  for (let page = 0; page < maxPages; page++) {
    const { value } = await listCalls(conn, { ...input, pagination_key: key });
    yield* value.items;
    if (!value.hasMore || !value.paginationKey) return;
    key = value.paginationKey;
  }
}
