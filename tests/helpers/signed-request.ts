import { authEnv } from "@/lib/env/auth";
import { CONTEXT_HEADER, signContext, type GatewayContext } from "@/lib/gateway/context";
import type { Role } from "@/lib/auth/roles";
import type { Tier } from "@/lib/db/schema/companies";

export const TEST_ORIGIN = "http://localhost:3000";

/** Who the gateway says is calling; method, path and iat are filled from the request. */
export type TestCaller = Partial<Omit<GatewayContext, "v" | "m" | "p" | "iat">>;

/** A person signed in (session by default, `auth: "token"` for bearer tokens). */
export function personCaller(p: {
  userId: string;
  companyId: string | null;
  role: Role | null;
  pa?: boolean;
  tier?: Tier | null;
  auth?: "session" | "token";
}): TestCaller {
  return {
    auth: p.auth ?? "session",
    uid: p.userId,
    cid: p.companyId,
    role: p.role,
    pa: p.pa ?? false,
    tier: p.tier ?? null,
    kid: null,
    scopes: null,
  };
}

/** A request authenticated with an API key. */
export function apiKeyCaller(k: { keyId: string; companyId: string; scopes: string[]; tier?: Tier | null }): TestCaller {
  return { auth: "api_key", uid: null, kid: k.keyId, cid: k.companyId, role: null, scopes: k.scopes, pa: false, tier: k.tier ?? null };
}

export function gatewayContext(method: string, path: string, caller: TestCaller = {}, iat = Date.now()): GatewayContext {
  return {
    v: 1,
    rid: caller.rid ?? "req_test_0000000000",
    auth: caller.auth ?? "anonymous",
    uid: caller.uid ?? null,
    kid: caller.kid ?? null,
    cid: caller.cid ?? null,
    role: caller.role ?? null,
    scopes: caller.scopes ?? null,
    pa: caller.pa ?? false,
    tier: caller.tier ?? null,
    touch: caller.touch ?? false,
    dg: caller.dg ?? false,
    ip: caller.ip ?? "203.0.113.7",
    ver: caller.ver ?? "2025-01-01",
    iat,
    m: method,
    p: path,
  };
}

export interface SignedRequestOptions {
  method?: string;
  /** null: no context header at all (a request that skipped the gateway). */
  caller?: TestCaller | null;
  /** JSON-encoded with content-type application/json unless a string. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Sign with another secret (forgery tests). */
  secret?: string;
  /** Sign for another path than the request's (replay tests). */
  signedPath?: string;
  iat?: number;
}

/**
 * A Request as the edge middleware forwards it to a route handler: the gateway context signed with
 * GATEWAY_SIGNING_SECRET for this method and path. Call the route export with it directly:
 * `await POST(await signedRequest("/api/v1/api-keys", {method: "POST", caller, body}))`.
 */
export async function signedRequest(path: string, opts: SignedRequestOptions = {}): Promise<Request> {
  const method = opts.method ?? "GET";
  const url = new URL(path, TEST_ORIGIN);
  const headers = new Headers(opts.headers);
  if (opts.caller !== null) {
    const ctx = gatewayContext(method, opts.signedPath ?? url.pathname, opts.caller ?? {}, opts.iat);
    headers.set(CONTEXT_HEADER, await signContext(ctx, opts.secret ?? authEnv().GATEWAY_SIGNING_SECRET));
  }
  let body: string | undefined;
  if (opts.body !== undefined) {
    body = typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  return new Request(url, { method, headers, body });
}

/** The second argument Next passes to a dynamic route handler. */
export function routeParams<P extends Record<string, string>>(params: P): { params: Promise<P> } {
  return { params: Promise.resolve(params) };
}
