import type { IncomingMessage, ServerResponse } from "node:http";
import { gzipSync } from "node:zlib";
import { context, propagation } from "@opentelemetry/api";
import { ApiError, errorResponse } from "@/lib/api/errors";
import { clientWantsFresh } from "@/lib/cache/client-wants-fresh";
import type { GatewayContext } from "@/lib/gateway/context";
import { runGateway } from "@/lib/gateway/pipeline";
import { REQUEST_ID_HEADER, resolveRequestId } from "@/lib/gateway/request-id";
import { errorForLog, requestLogger } from "@/lib/log/logger";
import { recordCacheResult, recordRequest, recordReusedAnswer } from "@/lib/metrics/recorder";
import { touchApiKey } from "@/lib/services/api-keys/touch-api-key";
import { noteTraceCompany } from "@/lib/tracing/slow-requests/trace-company";
import { activeTraceId, inSpan } from "@/lib/tracing/tracer";
import { acceptsGzip } from "./accepts-gzip";
import { DECIDED_HEADER, frontAnswerKey, frontAnswers, isReusableRoute, type FrontAnswer } from "./front-answers";

/** True for a request the server should decide itself: a GET to a reusable route, reuse turned on. */
export function mayAnswerBeforeNext(req: IncomingMessage): boolean {
  if (req.method !== "GET" || !frontAnswers() || !req.url) return false;
  const q = req.url.indexOf("?");
  return isReusableRoute("GET", q === -1 ? req.url : req.url.slice(0, q));
}

let nextServerModule: Promise<typeof import("next/server")> | undefined;
/** `next/server`, loaded once Next is up: loaded before `app.prepare()` it finds no AsyncLocalStorage and throws. */
function nextServer(): Promise<typeof import("next/server")> {
  nextServerModule ??= import("next/server");
  return nextServerModule;
}

/**
 * Runs the gateway for `req` in the server (lib/server/front-answers.ts): answers a refusal, or a
 * reusable answer that is still current, itself ("answered"); otherwise applies the decision to `req`
 * and `res` as proxy.ts would, marks it decided with this process's nonce, and leaves it to Next ("next").
 */
export async function answerBeforeNext(req: IncomingMessage, res: ServerResponse, nonce: string): Promise<"answered" | "next"> {
  // One span for the server's part (a no-op unless tracing is on), under a trusted proxy's trace context if one
  // sent it (a client's was dropped by lib/server/forwarded-headers.ts); Next's spans join it through the
  // traceparent injected below. It ends when Next takes over: Next's request span is its child.
  const parent = propagation.extract(context.active(), req.headers);
  return context.with(parent, () => inSpan("GET front", { "http.request.method": "GET" }, () => decideAndAnswer(req, res, nonce)));
}

async function decideAndAnswer(req: IncomingMessage, res: ServerResponse, nonce: string): Promise<"answered" | "next"> {
  let url: URL;
  try {
    url = new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`);
  } catch {
    return "next"; // Not decided here: the proxy decides as for any request.
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  // The same request type the proxy is given (next-auth's getToken reads the session cookie from its `cookies`).
  const { NextRequest } = await nextServer();
  const decision = await runGateway(new NextRequest(url, { method: "GET", headers }));
  if (decision.kind === "respond") {
    await writeWebResponse(res, decision.response);
    return "answered";
  }
  const ctx = decision.context;
  const answer =
    ctx?.cid && ctx.ce && !clientWantsFresh(headers)
      ? frontAnswers()?.get(frontAnswerKey(ctx, url.pathname + url.search), Date.now())
      : undefined;
  if (ctx && answer && answer.epoch === ctx.ce) {
    await reuse(ctx, url.pathname, answer, decision.responseHeaders, headers.get("accept-encoding") ?? "", res);
    return "answered";
  }
  for (const name of Object.keys(req.headers)) delete req.headers[name];
  decision.requestHeaders.forEach((value, name) => {
    req.headers[name] = value;
  });
  req.headers[DECIDED_HEADER] = nonce;
  // Our own trace context (the client's was dropped): Next adopts it, so its spans sit in this request's trace.
  propagation.inject(context.active(), req.headers);
  applyResponseHeaders(res, decision.responseHeaders);
  return "next";
}

function applyResponseHeaders(res: ServerResponse, headers: Headers): void {
  headers.forEach((value, name) => {
    if (name !== "set-cookie") res.setHeader(name, value);
  });
  for (const line of headers.getSetCookie()) res.appendHeader("set-cookie", line);
}

/** What the server answers when deciding itself failed (the proxy's failure would be Next's 500): the envelope, no detail. */
export async function answerDecisionError(req: IncomingMessage, res: ServerResponse, err: unknown): Promise<void> {
  const given = req.headers[REQUEST_ID_HEADER];
  const requestId = resolveRequestId(typeof given === "string" ? given : null);
  requestLogger(requestId).error(errorForLog(err), "gateway decision in the server failed");
  if (res.headersSent) {
    if (!res.writableEnded) res.destroy();
    return;
  }
  await writeWebResponse(res, errorResponse(new ApiError("internal_error"), requestId));
}

async function writeWebResponse(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  applyResponseHeaders(res, response.headers);
  res.end(Buffer.from(await response.arrayBuffer()));
}

/** Writes a kept answer as the handler would have (its headers, X-Cache: HIT) and records what the handler records. */
async function reuse(
  ctx: GatewayContext,
  path: string,
  answer: FrontAnswer,
  gatewayHeaders: Headers,
  acceptEncoding: string,
  res: ServerResponse,
): Promise<void> {
  const started = performance.now();
  const attributes = {
    "http.request.method": "GET",
    "url.path": path,
    "switchboard.route_group": answer.group,
    "switchboard.request_id": ctx.rid,
    "switchboard.cache.front": true,
  };
  await inSpan(`GET ${answer.group}`, attributes, async (span) => {
    res.statusCode = answer.status;
    for (const [name, value] of answer.headers) res.setHeader(name, value);
    applyResponseHeaders(res, gatewayHeaders);
    res.setHeader("x-cache", "HIT");
    res.setHeader(REQUEST_ID_HEADER, ctx.rid);
    res.setHeader("vary", "Accept-Encoding");
    // Next gzips every streamed answer (whatever its size) a client accepts gzip for (its `compress` default); so does this, once per answer.
    if (acceptsGzip(acceptEncoding)) {
      answer.gzip ??= gzipSync(answer.body);
      res.setHeader("content-encoding", "gzip");
      res.end(answer.gzip);
    } else {
      res.end(answer.body);
    }
    span.setAttribute("http.response.status_code", answer.status);
    // What the handler records, after the answer is sent: a failure here is logged, never the client's.
    const log = requestLogger(ctx.rid, { method: "GET", path });
    try {
      noteTraceCompany(ctx.cid);
      recordReusedAnswer(answer.group);
      // The cache answered (through the copy of its answer): a HIT per resource, as the handler's reads would count.
      for (const resource of answer.resources) recordCacheResult(resource, "HIT");
      if (ctx.auth === "api_key" && ctx.touch && ctx.kid) {
        touchApiKey(ctx.kid).catch((err: unknown) => log.warn(errorForLog(err), "api key last-used not written"));
      }
      const ms = performance.now() - started;
      recordRequest({ group: answer.group, method: "GET", status: answer.status, ms, companyId: ctx.cid });
      const traceId = activeTraceId();
      log.info({ status: answer.status, ms: Math.round(ms), reused: true, ...(traceId ? { traceId } : {}) }, "request");
    } catch (err) {
      log.warn(errorForLog(err), "reused answer sent; recording it failed");
    }
  });
}
