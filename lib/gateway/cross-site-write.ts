import type { Identity } from "./authenticate";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * CSRF: a write that only a session cookie authenticates must come from our own pages. The browser
 * attaches the cookie to a cross-site form or fetch too (SameSite=Lax still lets top-level POSTs of
 * some kinds through, and sibling subdomains are "same site"), but it also says where the request
 * came from, in headers a page cannot forge:
 *  - `Sec-Fetch-Site` (every current browser): only `same-origin` passes;
 *  - else `Origin` (sent on every non-GET by browsers): its host must be the request's own host or
 *    that of a configured public URL (APP_URL, NEXTAUTH_URL);
 *  - neither: refused — a browser always sends one; a script with a cookie should use a bearer token.
 * Bearer tokens and API keys are not sent by browsers on their own, so they are not affected, and
 * next-auth's own POSTs (/api/auth/*) carry next-auth's CSRF token and are left to it.
 *
 * Returns why the request is refused, or null.
 */
export function crossSiteWrite(
  req: Request,
  identity: Identity,
  pathname: string,
  publicUrls: ReadonlyArray<string | undefined>,
): "cross_site" | "foreign_origin" | "no_origin" | null {
  if (SAFE_METHODS.has(req.method)) return null;
  if (identity.kind !== "person" || identity.auth !== "session") return null;
  if (pathname.startsWith("/api/auth/")) return null;

  const site = req.headers.get("sec-fetch-site");
  if (site) return site === "same-origin" ? null : "cross_site";
  const origin = req.headers.get("origin");
  if (!origin) return "no_origin";
  const given = hostOf(origin);
  const allowed = [req.headers.get("host")?.toLowerCase() ?? hostOf(req.url), ...publicUrls.map((u) => (u ? hostOf(u) : null))];
  return given !== null && allowed.includes(given) ? null : "foreign_origin";
}
