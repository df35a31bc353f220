import { ApiError, errorResponse } from "@/lib/api/errors";

const SESSION_COOKIE = /^(__Secure-)?next-auth\.session-token(\.\d+)?$/;
/** Pages a signed-out visitor uses: an ended session is simply no session there (no redirect loop). */
const SIGNED_OUT_PAGES = /^\/(signin|invite\/[^/]+)\/?$/;

export const SESSION_ENDED_MESSAGE = "Your session has ended. Sign in again.";

function sessionCookieNames(cookieHeader: string): string[] {
  return cookieHeader
    .split(";")
    .map((part) => part.split("=")[0]!.trim())
    .filter((name) => SESSION_COOKIE.test(name));
}

/** Set-Cookie lines that delete every next-auth session cookie (chunks included) the request carried. */
function clearingCookies(cookieHeader: string): string[] {
  return sessionCookieNames(cookieHeader).map(
    (name) => `${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${name.startsWith("__Secure-") ? "; Secure" : ""}`,
  );
}

export type SessionEndedOutcome =
  | { kind: "respond"; response: Response }
  /** Forward as a signed-out visitor: the request without its session cookie, the response deleting it. */
  | { kind: "forward_signed_out"; cookieHeader: string; setCookies: string[] };

/**
 * A session the edge refused (its generation was bumped, or it is past its absolute maximum age):
 * the API answers 401; a page redirects to /signin (back here after signing in), and the signin and
 * invite pages render as for anyone signed out. Every answer deletes the dead cookie.
 */
export function sessionEnded(req: Request, url: URL, requestId: string, securityHeaders: Record<string, string>): SessionEndedOutcome {
  const cookieHeader = req.headers.get("cookie") ?? "";
  const setCookies = clearingCookies(cookieHeader);
  if (!url.pathname.startsWith("/api/") && SIGNED_OUT_PAGES.test(url.pathname)) {
    const kept = cookieHeader
      .split(";")
      .map((part) => part.trim())
      .filter((part) => part && !SESSION_COOKIE.test(part.split("=")[0]!.trim()));
    return { kind: "forward_signed_out", cookieHeader: kept.join("; "), setCookies };
  }
  let response: Response;
  if (url.pathname.startsWith("/api/")) {
    response = errorResponse(new ApiError("unauthorized", SESSION_ENDED_MESSAGE), requestId, securityHeaders);
  } else {
    const target = new URL("/signin", url);
    target.searchParams.set("callbackUrl", url.pathname + url.search);
    // Absolute: Next's edge adapter refuses a relative Location (500).
    response = new Response(null, {
      status: 307,
      headers: { ...securityHeaders, "cache-control": "no-store", location: target.toString() },
    });
  }
  for (const line of setCookies) response.headers.append("set-cookie", line);
  return { kind: "respond", response };
}
