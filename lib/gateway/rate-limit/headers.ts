import type { Decision } from "./decide";

type Counted = Extract<Decision, { kind: "ok" | "limited" }>;

/**
 * IETF httpapi ratelimit-headers draft (structured fields naming the most restrictive layer), the
 * legacy X-RateLimit-* trio (reset in Unix seconds) and, on 429, Retry-After in seconds (RFC 9110).
 */
export function rateLimitHeaders(d: Counted, now = Date.now()): Record<string, string> {
  if (!d.layer) return {};
  const headers: Record<string, string> = {
    "RateLimit-Policy": `"${d.layer}";q=${d.limit};w=${d.windowSec}`,
    RateLimit: `"${d.layer}";r=${d.remaining};t=${d.resetSec}`,
    "X-RateLimit-Limit": String(d.limit),
    "X-RateLimit-Remaining": String(d.remaining),
    "X-RateLimit-Reset": String(Math.ceil(now / 1000) + d.resetSec),
  };
  if (d.kind === "limited") headers["Retry-After"] = String(Math.max(1, d.resetSec));
  return headers;
}
