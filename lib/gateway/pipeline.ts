import { ApiError, errorResponse } from "@/lib/api/errors";
import { authEnv } from "@/lib/env/auth";
import { API_VERSIONS, resolveApiVersion } from "./api-version";
import { apiPathRefusal } from "./api-path-refusal";
import { authenticate, type Identity } from "./authenticate";
import { clientIp, parseTrustedProxies } from "./client-ip";
import { CONTEXT_HEADER, signContext, type GatewayContext } from "./context";
import { crossSiteWrite } from "./cross-site-write";
import { internalOrigin } from "./internal-origin";
import { decide, type Decision, type DecisionInput } from "./rate-limit/decide";
import { rateLimitHeaders } from "./rate-limit/headers";
import { PAGE_PATH_HEADER, pagePath } from "./page-path";
import { REQUEST_ID_HEADER, resolveRequestId } from "./request-id";
import { resolveRecord } from "./resolve";
import { classifyRoute, type RouteClass } from "./routes";
import { securityHeadersFor } from "./security-headers";
import { sessionEnded } from "./session-ended";
import { stripGatewayHeaders } from "./strip-gateway-headers";
import { webhookGuard, webhookProvider } from "./webhook-guard";

/** What the gateway decided for one request: forward it (with these headers) or answer it now. */
export type GatewayDecision =
  | {
      kind: "forward";
      requestHeaders: Headers;
      responseHeaders: Headers;
      /** The context signed into requestHeaders, when the request reached step 4. */
      context?: GatewayContext;
    }
  | { kind: "respond"; response: Response };

export interface GatewayOptions {
  /**
   * Where the Node side of the app answers (the miss path); defaults to configuration
   * (INTERNAL_APP_URL, APP_URL, NEXTAUTH_URL — never the Host header), else the miss path fails closed.
   */
  internalOrigin?: string;
}

/** One answer for every bad key: whether it was unknown, revoked or expired goes to the log only (logKeyRefusal). */
const BAD_KEY = ["unauthorized", "This API key is not valid."] as const;
const DENY_MESSAGES = {
  key_unknown: BAD_KEY,
  key_revoked: BAD_KEY,
  key_expired: BAD_KEY,
  suspended: ["forbidden", "This company is suspended. Contact support."],
  session_ended: ["unauthorized", "Your session has ended. Sign in again."],
} as const;

/** Where a suspended company's people land instead of any page with its data (app/suspended/page.tsx). */
export const SUSPENDED_PATH = "/suspended";

/** Next's link prefetches: checked like any page view (session, suspension, limits) but not counted as one. */
function isPrefetch(headers: Headers): boolean {
  return headers.get("next-router-prefetch") === "1" || /prefetch/i.test(headers.get("sec-purpose") ?? headers.get("purpose") ?? "");
}

/** The edge has no pino: one JSON line on stderr with the reason and the first 12 hex of the key's hash (never the key). */
function logKeyRefusal(reason: string, keyHash: string, requestId: string): void {
  console.warn(JSON.stringify({ level: "warn", msg: "api key refused", reason, keyHash: keyHash.slice(0, 12), requestId }));
}

function limiterInput(identity: Identity, route: RouteClass, ip: string, peek: boolean): DecisionInput {
  const applyGlobal = route.access === "public" || identity.kind === "anonymous" || identity.kind === "invalid";
  switch (identity.kind) {
    case "person":
      return {
        ip,
        auth: "user",
        principal: identity.userId,
        companyId: identity.companyId,
        group: route.group,
        resource: route.resource,
        applyGlobal,
        generation: identity.generation,
        peek,
      };
    case "api_key":
      return { ip, auth: "key", principal: identity.keyHash, group: route.group, resource: route.resource, applyGlobal };
    default:
      return { ip, auth: "anon", principal: "", applyGlobal: true };
  }
}

/** Next's edge adapter needs an absolute Location (a relative one is a 500); same origin as the request. */
function redirectTo(path: string, url: URL, requestId: string, headers: Record<string, string>): Response {
  return new Response(null, {
    status: 307,
    headers: { ...headers, [REQUEST_ID_HEADER]: requestId, "cache-control": "no-store", location: new URL(path, url).toString() },
  });
}

/**
 * A Prometheus scraper sends `Bearer <METRICS_TOKEN>`: neither an API key nor a JWT. The edge lets it
 * through untouched and the handler compares the token in constant time (lib/metrics/metrics-token.ts).
 */
function isMetricsScrape(path: string, authorization: string | null): boolean {
  return path === "/api/metrics" && authorization !== null && /^Bearer\s+(?!sb_)[^\s.]{24,}$/i.test(authorization);
}

/** Step 3 with its miss path: at most one reload of a record, then decide again. */
async function decideWithMisses(input: DecisionInput, origin: string | null, secret: string): Promise<Decision> {
  let decision = await decide(input);
  for (let attempt = 0; decision.kind === "miss" && origin && attempt < 2; attempt++) {
    if (!(await resolveRecord(decision.what, decision.id, { origin, secret }))) break;
    decision = await decide(input);
  }
  return decision;
}

/**
 * The gateway pipeline as plain functions over Web Request/Headers (any runtime), so proxy.ts stays
 * a thin shell: 1 request id, 2 authentication, 3 rate limits (one
 * Redis trip), 4 signed context, 5 request transform. Authorization (6) happens in the handler.
 */
export async function runGateway(req: Request, opts: GatewayOptions = {}): Promise<GatewayDecision> {
  const url = new URL(req.url);
  const requestId = resolveRequestId(req.headers.get(REQUEST_ID_HEADER));
  const requestHeaders = stripGatewayHeaders(req.headers);
  requestHeaders.set(REQUEST_ID_HEADER, requestId);
  // Layouts cannot see the URL: the page-access helper sends a signed-out person back here after sign-in.
  requestHeaders.set(PAGE_PATH_HEADER, pagePath(url));
  const security = securityHeadersFor(req);
  if (security.requestCsp) requestHeaders.set("content-security-policy", security.requestCsp);
  const responseHeaders = new Headers({ [REQUEST_ID_HEADER]: requestId, ...security.response });
  const respond = (err: ApiError, extra: Record<string, string> = {}): GatewayDecision => ({
    kind: "respond",
    response: errorResponse(err, requestId, { ...security.response, ...extra }),
  });

  const unknownPath = apiPathRefusal(req.method, url.pathname);
  if (unknownPath) return respond(unknownPath);
  const route = classifyRoute(req.method, url.pathname);
  if (route.access === "exempt") return { kind: "forward", requestHeaders, responseHeaders };

  const env = authEnv();
  const ip = clientIp(req.headers.get("x-forwarded-for"), parseTrustedProxies(env.TRUSTED_PROXIES));
  const provider = webhookProvider(url.pathname);
  if (provider) {
    // Vendors: a size cap and layer 1 here, the signature in the route (lib/webhooks/receivers).
    const guard = await webhookGuard(req, provider, ip);
    if (guard.refused) return respond(guard.refused, guard.headers);
    for (const [k, v] of Object.entries(guard.headers)) responseHeaders.set(k, v);
    return { kind: "forward", requestHeaders, responseHeaders };
  }

  const version = resolveApiVersion(req.headers.get("x-api-version"));
  if (!version) return respond(new ApiError("bad_request", `Unsupported X-API-Version. Supported: ${API_VERSIONS.join(", ")}.`));
  if (isMetricsScrape(url.pathname, req.headers.get("authorization"))) {
    // The handler checks the token; until then a scraper is anonymous traffic, limited per IP.
    const d = await decide({ ip, auth: "anon", principal: "", applyGlobal: true });
    if (d.kind === "limited") return respond(new ApiError("rate_limited", undefined, { details: { layer: d.layer } }), rateLimitHeaders(d));
    return { kind: "forward", requestHeaders, responseHeaders };
  }
  const identity = await authenticate(req, env.NEXTAUTH_SECRET);
  const endSession = (): GatewayDecision => {
    const ended = sessionEnded(req, url, requestId, { [REQUEST_ID_HEADER]: requestId, ...security.response });
    if (ended.kind === "respond") return ended;
    if (ended.cookieHeader) requestHeaders.set("cookie", ended.cookieHeader);
    else requestHeaders.delete("cookie");
    for (const line of ended.setCookies) responseHeaders.append("set-cookie", line);
    return { kind: "forward", requestHeaders, responseHeaders };
  };
  if (identity.kind === "ended") return endSession();
  if (crossSiteWrite(req, identity, url.pathname, [process.env.APP_URL, env.NEXTAUTH_URL])) {
    return respond(new ApiError("forbidden", "Cross-site request refused. Send it from the app's own pages, or use a bearer token."));
  }

  // Pages and API alike: one decision (session generation, suspension, every layer) per request.
  // A signed-in person's page views count in the user and company layers; a prefetch is checked, not counted.
  const page = route.access === "page";
  const decision = await decideWithMisses(
    limiterInput(identity, route, ip, page && identity.kind === "person" && isPrefetch(req.headers)),
    opts.internalOrigin ?? internalOrigin(),
    env.GATEWAY_SIGNING_SECRET,
  );
  if (decision.kind === "miss") return respond(new ApiError("service_unavailable", undefined, { headers: { "retry-after": "5" } }));
  if (decision.kind === "unavailable") {
    return respond(
      new ApiError("service_unavailable", "Rate limiting is unavailable; retry shortly.", {
        details: { layer: decision.layer },
        headers: { "retry-after": String(decision.retryAfterSec) },
      }),
    );
  }
  if (decision.kind === "deny" && decision.reason === "session_ended") return endSession();
  if (decision.kind === "deny" && decision.reason === "suspended" && page) {
    // The notice page shows no company data; every other page sends its people there.
    if (url.pathname !== SUSPENDED_PATH)
      return { kind: "respond", response: redirectTo(SUSPENDED_PATH, url, requestId, security.response) };
    return { kind: "forward", requestHeaders, responseHeaders };
  }
  if (decision.kind === "deny") {
    if (identity.kind === "api_key" && decision.reason !== "suspended") logKeyRefusal(decision.reason, identity.keyHash, requestId);
    const [code, message] = DENY_MESSAGES[decision.reason];
    return respond(new ApiError(code, message));
  }
  const headers = rateLimitHeaders(decision);
  if (decision.kind === "limited") {
    return respond(
      new ApiError("rate_limited", `Rate limit exceeded (${decision.layer} layer). Retry in ${headers["Retry-After"]} s.`, {
        details: {
          layer: decision.layer,
          limit: decision.limit,
          windowSeconds: decision.windowSec,
          retryAfterSeconds: Number(headers["Retry-After"]),
        },
      }),
      headers,
    );
  }
  for (const [k, v] of Object.entries(headers)) responseHeaders.set(k, v);

  // A stale bearer on a public route (the refresh endpoint, sign-in) is simply not an identity there.
  if (identity.kind === "invalid" && route.access === "protected") return respond(new ApiError("unauthorized", identity.reason));
  if (identity.kind !== "person" && identity.kind !== "api_key" && route.access === "protected")
    return respond(new ApiError("unauthorized"));

  const counted = decision.kind === "ok" ? decision : null;
  // A rotated key in its grace period keeps its reads and nothing else (no writes, no key management).
  if (counted?.key?.graceExpiresAt != null && req.method !== "GET" && req.method !== "HEAD") {
    return respond(new ApiError("forbidden", "This key has been rotated: until its grace period ends it can only read. Use the new key."));
  }
  const ctx: GatewayContext = {
    v: 1,
    rid: requestId,
    auth: identity.kind === "person" ? identity.auth : identity.kind === "api_key" ? "api_key" : "anonymous",
    uid: identity.kind === "person" ? identity.userId : null,
    kid: counted?.key?.id ?? null,
    cid: identity.kind === "person" ? identity.companyId : (counted?.key?.companyId ?? null),
    role: identity.kind === "person" ? identity.role : null,
    scopes: counted?.key?.scopes ?? null,
    pa: identity.kind === "person" && identity.isPlatformAdmin,
    tier: counted?.tier ?? null,
    touch: counted?.touch ?? false,
    dg: counted?.degraded ?? false,
    ce: counted?.cacheEpoch ?? "",
    ip,
    ver: version,
    iat: Date.now(),
    m: req.method,
    p: url.pathname,
  };
  requestHeaders.set(CONTEXT_HEADER, await signContext(ctx, env.GATEWAY_SIGNING_SECRET));
  requestHeaders.set("x-api-version", version);
  return { kind: "forward", requestHeaders, responseHeaders, context: ctx };
}
