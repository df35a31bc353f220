import { parseTrustedProxies } from "./client-ip";

/**
 * Security headers on every response the gateway sees (next.config.js adds the static ones to the
 * few paths the middleware skips: static files, the liveness probe).
 *
 * Pages get a nonce-based Content-Security-Policy, the way Next 16 documents it: the nonce is set on
 * the request's CSP header too, Next reads it there and puts it on its own inline and chunk scripts
 * (every page is rendered per request already), and 'strict-dynamic' lets those scripts load the
 * chunks they need. Styles: Tailwind is one stylesheet from 'self'; <style> elements need the nonce;
 * sonner's stylesheet is allowed by its hash; `style` attributes (React/recharts/Radix set them for sizes and positions) are allowed by
 * `style-src-attr 'unsafe-inline'` — they cannot run script. Recordings play from the call
 * provider's host, so media may come from any https origin. API answers are data, never documents:
 * their policy allows nothing at all.
 */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

/**
 * The one inline stylesheet we allow by hash: sonner (the toaster) inserts its CSS as a <style> element
 * at load, first empty and then filled, so both texts are listed. tests/unit/security-headers.test.ts
 * recomputes the hash from the installed sonner, so an upgrade that changes its CSS fails there first.
 */
export const SONNER_STYLE_HASHES = [
  "'sha256-StEaX+se6YS7pqjzrzMIA0KaX9zF/8zAhvQXZAe5epY='",
  "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='",
] as const;

export function pageCsp(nonce: string, opts: { dev: boolean; tls: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}' ${SONNER_STYLE_HASHES.join(" ")}`,
    `style-src-elem 'self' 'nonce-${nonce}' ${SONNER_STYLE_HASHES.join(" ")}`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self' data:",
    "media-src 'self' https: blob:",
    `connect-src 'self'${opts.dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(opts.tls ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Two years, subdomains included: sent only on a request that really arrived over TLS. */
export const HSTS = "max-age=63072000; includeSubDomains";

/**
 * Whether the client's connection was TLS: the URL says https, or the request came through a
 * trusted proxy (the socket's address, the last X-Forwarded-For hop our server wrote, is in
 * TRUSTED_PROXIES) that says `X-Forwarded-Proto: https`. A client cannot claim it on its own —
 * and a browser ignores HSTS on a plain-http answer anyway.
 */
export function arrivedOverTls(req: Request, trustedProxies: readonly string[]): boolean {
  if (new URL(req.url).protocol === "https:") return true;
  const proto = req.headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  if (proto !== "https") return false;
  const hops = (req.headers.get("x-forwarded-for") ?? "").split(",").map((h) => h.trim());
  const socket = hops[hops.length - 1];
  return socket !== undefined && trustedProxies.includes(socket);
}

export interface SecurityHeaders {
  /** Set on the response. */
  response: Record<string, string>;
  /** The page's CSP, also set on the forwarded request so Next renders the nonce into its scripts. */
  requestCsp: string | null;
}

/** The headers for this request: a page's or an API answer's, HSTS when it arrived over TLS. */
export function securityHeadersFor(req: Request): SecurityHeaders {
  const path = new URL(req.url).pathname;
  const tls = arrivedOverTls(req, parseTrustedProxies(process.env.TRUSTED_PROXIES ?? ""));
  return securityHeaders(path === "/api" || path.startsWith("/api/") ? "api" : "page", {
    tls,
    dev: process.env.NODE_ENV === "development",
  });
}

export function securityHeaders(kind: "page" | "api", opts: { tls: boolean; dev: boolean }): SecurityHeaders {
  const csp = kind === "page" ? pageCsp(createNonce(), opts) : API_CSP;
  return {
    response: {
      "content-security-policy": csp,
      "x-content-type-options": "nosniff",
      "referrer-policy": "strict-origin-when-cross-origin",
      "x-frame-options": "DENY",
      ...(opts.tls ? { "strict-transport-security": HSTS } : {}),
    },
    requestCsp: kind === "page" ? csp : null,
  };
}
