import { newCacheReadLedger, withCacheEpoch } from "@/lib/cache/epoch";
import { SpanStatusCode } from "@opentelemetry/api";
import type { Logger } from "pino";
import { authorize, type AccessRule } from "./authorize";
import { checkPathIds } from "./check-path-ids";
import { errorResponse } from "./errors";
import { keepFrontAnswer } from "./keep-front-answer";
import { toApiError } from "./handle-api-error";
import { ok } from "./respond";
import { requestedFields, sparseResponse } from "./sparse-fields";
import type { GatewayContext } from "@/lib/gateway/context";
import { REQUEST_ID_HEADER, resolveRequestId } from "@/lib/gateway/request-id";
import { classifyRoute } from "@/lib/gateway/routes";
import { recordFallback, recordRequest } from "@/lib/metrics/recorder";
import { forwardToService } from "@/lib/registry/forward-to-service";
import { isRemoteService } from "@/lib/registry/registry-config";
import { errorForLog, requestLogger } from "@/lib/log/logger";
import { touchApiKey } from "@/lib/services/api-keys/touch-api-key";
import { noteTraceCompany } from "@/lib/tracing/slow-requests/trace-company";
import { activeTraceId, inSpan } from "@/lib/tracing/tracer";

export interface RouteContext<P, C> {
  req: Request;
  params: P;
  requestId: string;
  log: Logger;
  /** The verified gateway context: the caller. Null only on public routes reached without one. */
  caller: C;
}

type CallerFor<R extends AccessRule> = R["auth"] extends "required"
  ? GatewayContext & { cid: R["platformAdmin"] extends true ? string | null : string }
  : GatewayContext | null;

/**
 * Wraps a route handler: request id, verified gateway context and authorization (the rule),
 * one log line per request, the success envelope when the handler returns plain data, and the
 * error envelope for anything thrown (no stack, SQL or dependency text reaches the client).
 */
export function defineRoute<P = Record<string, never>, R extends AccessRule = AccessRule>(
  rule: R,
  handler: (ctx: RouteContext<P, CallerFor<R>>) => Promise<Response | unknown>,
) {
  return async (req: Request, segment?: { params?: Promise<P> }): Promise<Response> => {
    const started = performance.now();
    const path = new URL(req.url).pathname;
    const requestId = resolveRequestId(req.headers.get(REQUEST_ID_HEADER));
    const group = classifyRoute(req.method, path).group ?? "other";
    // One span per request (a no-op unless tracing is on): the request id joins it to the log lines.
    const attributes = {
      "http.request.method": req.method,
      "url.path": path,
      "switchboard.route_group": group,
      "switchboard.request_id": requestId,
    };
    return inSpan(`${req.method} ${group}`, attributes, async (span) => {
      const log = requestLogger(requestId, { method: req.method, path });
      let res: Response;
      let companyId: string | null = null;
      try {
        const caller = (await authorize(req, rule)) as CallerFor<R>;
        companyId = caller?.cid ?? null;
        // The slowest-requests store files the trace under this company (never as a span attribute).
        noteTraceCompany(companyId);
        // The edge cannot count into Node's metrics; it flags a fail-open decision in the context instead.
        if (caller?.dg) recordFallback("rate-limiter");
        // The gateway says when a key's last-used time is due (at most once a minute); never block the answer on it.
        if (caller?.auth === "api_key" && caller.touch && caller.kid) {
          touchApiKey(caller.kid).catch((err: unknown) => log.warn(errorForLog(err), "api key last-used not written"));
        }
        const params = ((await segment?.params) ?? {}) as P;
        checkPathIds(params);
        if (rule.service && (await isRemoteService(rule.service))) {
          // Step 9: the registry points this service at remote instances (round robin over healthy ones).
          res = await forwardToService(rule.service, req);
        } else {
          // The cache epoch the gateway's decision saw: a cache HIT in memory needs no second trip (lib/cache/epoch.ts).
          const reads = newCacheReadLedger();
          const out = await withCacheEpoch(caller?.cid ?? null, caller?.ce, () => handler({ req, params, requestId, log, caller }), reads);
          res = await sparseResponse(out instanceof Response ? out : ok(out), requestedFields(new URL(req.url)));
          // The server in front of Next may answer the same caller's next identical read itself (lib/server/front-answers.ts).
          res = await keepFrontAnswer(req, caller, res, reads, group);
        }
      } catch (err) {
        const apiErr = toApiError(err);
        if (apiErr.status >= 500) log.error({ ...errorForLog(apiErr.cause ?? apiErr), code: apiErr.code }, "request failed");
        else log.info({ code: apiErr.code }, "request refused");
        res = errorResponse(apiErr, requestId);
      }
      res.headers.set(REQUEST_ID_HEADER, requestId);
      const ms = performance.now() - started;
      // In memory, flushed to Redis once a second per instance: no Redis trip on the request path.
      recordRequest({ group, method: req.method, status: res.status, ms, companyId });
      span.setAttribute("http.response.status_code", res.status);
      if (res.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      const traceId = activeTraceId();
      log.info({ status: res.status, ms: Math.round(ms), ...(traceId ? { traceId } : {}) }, "request");
      return res;
    });
  };
}
