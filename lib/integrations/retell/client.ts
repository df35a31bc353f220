import type { CallOptions } from "../http/call-vendor";
import { retellConnection, type RetellClientOptions } from "./connection";
import { createPhoneCall, type CreatePhoneCallOptions } from "./create-phone-call";
import { getCall } from "./get-call";
import { iterateCalls, listCalls } from "./list-calls";
import type { RetellCall, RetellCallPage, RetellCreatePhoneCallInput, RetellListCallsInput } from "./schemas";

/**
 * A Retell client for one API key (a company's, or the platform's). Reads return the breaker's
 * `{value, fallback}` (pass `fallback` to answer from cached data while Retell is down); the create
 * returns the call, never a fallback.
 */
export function createRetellClient(opts: RetellClientOptions) {
  const conn = retellConnection(opts);
  return {
    getCall: (callId: string, o?: CallOptions<RetellCall>) => getCall(conn, callId, o),
    listCalls: (input?: RetellListCallsInput, o?: CallOptions<RetellCallPage>) => listCalls(conn, input, o),
    iterateCalls: (input?: RetellListCallsInput, maxPages?: number) => iterateCalls(conn, input, maxPages),
    createPhoneCall: (input: RetellCreatePhoneCallInput, o?: CreatePhoneCallOptions) => createPhoneCall(conn, input, o),
  };
}

export type RetellClient = ReturnType<typeof createRetellClient>;
