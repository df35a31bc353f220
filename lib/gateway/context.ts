import { createHmac, timingSafeEqual } from "node:crypto";
import type { Tier } from "@/lib/db/schema/companies";
import type { Role } from "@/lib/auth/roles";

export const CONTEXT_HEADER = "x-gateway-context";

/** How the caller proved who they are. */
export type AuthMethod = "session" | "token" | "api_key" | "anonymous";

/**
 * What the gateway established about a request, handed to the route handler in a header signed
 * with GATEWAY_SIGNING_SECRET. Handlers trust nothing else about identity.
 */
export interface GatewayContext {
  v: 1;
  /** Request id. */
  rid: string;
  auth: AuthMethod;
  /** Person (session or bearer token); null for API keys and anonymous callers. */
  uid: string | null;
  /** API key id when auth = api_key. */
  kid: string | null;
  /** Company the request acts for. */
  cid: string | null;
  /** The person's role in that company (null for keys: their scopes decide). */
  role: Role | null;
  /** The key's scopes when auth = api_key. */
  scopes: string[] | null;
  /** Platform admin flag of the person. */
  pa: boolean;
  tier: Tier | null;
  /** The key's last-used time is due to be written (at most once a minute). */
  touch: boolean;
  /** Limits were decided by the per-instance fallback because Redis did not answer in time. */
  dg?: boolean;
  /** The company's cache epoch from the decision (lib/cache/epoch.ts); absent or "" = unknown. */
  ce?: string;
  /** The client IP the gateway decided on. */
  ip: string;
  /** API version the client asked for (request transform). */
  ver: string;
  /** Issued at, epoch ms; with `m` and `p` it binds the signature to this request. */
  iat: number;
  m: string;
  p: string;
}

/** Node's base64url decoder skips characters outside the alphabet; the header must not have any. */
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** A signed context older than this is refused: it can only come from a replay. */
export const CONTEXT_MAX_AGE_MS = 30_000;

/**
 * HMAC-SHA256 with node:crypto: the gateway (proxy.ts) and the handlers both run on Node, and the
 * synchronous HMAC costs a few microseconds where Web Crypto's promise hops to the thread pool and back
 * (about 0.1 ms each on this machine, twice per request). The signature is the same bytes as before.
 */
function hmac(secret: string, payload: string): Buffer {
  return createHmac("sha256", secret).update(payload).digest();
}

/** `<base64url(json)>.<base64url(HMAC-SHA256)>`. */
export async function signContext(ctx: GatewayContext, secret: string): Promise<string> {
  const payload = Buffer.from(JSON.stringify(ctx)).toString("base64url");
  return `${payload}.${hmac(secret, payload).toString("base64url")}`;
}

/**
 * The context, if the header is present, signed with our secret (constant-time check), fresh, and
 * issued for this method and path; otherwise null.
 */
export async function verifyContext(
  header: string | null,
  secret: string,
  request: { method: string; path: string },
  now = Date.now(),
): Promise<GatewayContext | null> {
  if (!header) return null;
  const dot = header.indexOf(".");
  if (dot <= 0) return null;
  try {
    const payload = header.slice(0, dot);
    const signature = header.slice(dot + 1);
    if (!BASE64URL.test(payload) || !BASE64URL.test(signature)) return null;
    const given = Buffer.from(signature, "base64url");
    const expected = hmac(secret, payload);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const ctx = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as GatewayContext;
    if (ctx.v !== 1 || ctx.m !== request.method || ctx.p !== request.path) return null;
    if (!Number.isFinite(ctx.iat) || now - ctx.iat > CONTEXT_MAX_AGE_MS || ctx.iat - now > 5_000) return null;
    return ctx;
  } catch {
    return null;
  }
}
