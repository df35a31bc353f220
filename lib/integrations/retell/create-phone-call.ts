import { randomUUID } from "node:crypto";
import { callVendor, RATE_LIMIT_RETRY } from "../http/call-vendor";
import { reconciledWrite } from "../http/reconciled-write";
import { requestJson } from "../http/request-json";
import { retellHeaders, type RetellConnection } from "./connection";
import { findCallByMarker } from "./find-call-by-marker";
import {
  RETELL_IDEMPOTENCY_KEY,
  retellCallSchema,
  retellCreatePhoneCallSchema,
  retellErrorCode,
  type RetellCall,
  type RetellCreatePhoneCallInput,
} from "./schemas";

export interface CreatePhoneCallOptions {
  /** Wait before looking for a call whose answer was lost (Retell's list may lag a create). */
  reconcileDelayMs?: number;
}

/**
 * POST /v2/create-phone-call — dials a person, so it is never sent twice blindly. Our idempotency
 * marker rides in the call's metadata; when an attempt ends ambiguously (timeout, 5xx, dropped
 * connection) we first look for a call carrying the marker (POST /v3/list-calls) and only create
 * again if there is none. A caller-chosen `idempotencyKey` is also looked up before the first
 * attempt, so a retried job does not dial twice either. A 429 was not accepted: it is retried after
 * the wait Retell asks for. Writes never answer from a fallback.
 */
export async function createPhoneCall(
  conn: RetellConnection,
  input: RetellCreatePhoneCallInput,
  opts: CreatePhoneCallOptions = {},
): Promise<RetellCall> {
  const req = retellCreatePhoneCallSchema.parse(input);
  const marker = req.idempotencyKey ?? randomUUID();
  const lookup = { from_number: req.from_number, to_number: req.to_number, marker };
  if (req.idempotencyKey) {
    const existing = await findCallByMarker(conn, lookup);
    if (existing) return existing;
  }
  const body = {
    from_number: req.from_number,
    to_number: req.to_number,
    ...(req.agent_id ? { override_agent_id: req.agent_id } : {}),
    metadata: { ...req.metadata, [RETELL_IDEMPOTENCY_KEY]: marker },
    ...(req.retell_llm_dynamic_variables ? { retell_llm_dynamic_variables: req.retell_llm_dynamic_variables } : {}),
  };
  const send = () =>
    callVendor(
      conn.breaker,
      async (signal) =>
        (
          await requestJson({
            vendor: "retell",
            baseUrl: conn.baseUrl,
            method: "POST",
            path: "/v2/create-phone-call",
            headers: retellHeaders(conn),
            body,
            signal,
            schema: retellCallSchema,
            errorCode: retellErrorCode,
          })
        ).data,
      { retry: RATE_LIMIT_RETRY },
    );

  return reconciledWrite({
    send: async () => (await send()).value,
    reconcile: () => findCallByMarker(conn, lookup),
    reconcileDelayMs: opts.reconcileDelayMs,
  });
}
