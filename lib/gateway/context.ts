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

/** A signed context older than this is refused: it can only come from a replay. */
export const CONTEXT_MAX_AGE_MS = 30_000;

const encoder = new TextEncoder();
const keyCache = new Map<string, Promise<CryptoKey>>();

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keyCache.get(secret);
  if (!key) {
    key = crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
    keyCache.set(secret, key);
  }
  return key;
}

function toBase64Url(bytes: Uint8Array): string {
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const bin = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  const out = new Uint8Array(new ArrayBuffer(bin.length));
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** `<base64url(json)>.<base64url(HMAC-SHA256)>`; Web Crypto, so it runs on the edge and in Node. */
export async function signContext(ctx: GatewayContext, secret: string): Promise<string> {
  const payload = toBase64Url(encoder.encode(JSON.stringify(ctx)));
  const sig = new Uint8Array(await crypto.subtle.sign("HMAC", await hmacKey(secret), encoder.encode(payload)));
  return `${payload}.${toBase64Url(sig)}`;
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
    const valid = await crypto.subtle.verify("HMAC", await hmacKey(secret), fromBase64Url(header.slice(dot + 1)), encoder.encode(payload));
    if (!valid) return null;
    const ctx = JSON.parse(new TextDecoder().decode(fromBase64Url(payload))) as GatewayContext;
    if (ctx.v !== 1 || ctx.m !== request.method || ctx.p !== request.path) return null;
    if (now - ctx.iat > CONTEXT_MAX_AGE_MS || ctx.iat - now > 5_000) return null;
    return ctx;
  } catch {
    return null;
  }
}
