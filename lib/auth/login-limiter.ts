import { Ratelimit } from "@upstash/ratelimit";
import { getRedis, redisKey } from "@/lib/redis/client";
import { hashToken } from "./hash-token";

/** Per-email brute-force limit of sign-in and the token endpoint: failed attempts only (per-IP is the gateway's layer 1). */
export const LOGIN_LIMIT = { attempts: 10, window: "15 m" } as const;

let limiter: Ratelimit | undefined;

/** The sliding window of failed attempts, keyed by SHA-256 of the lower-cased email so Redis never holds addresses. */
export function loginLimiter(): { limiter: Ratelimit; identifier: (email: string) => Promise<string> } {
  limiter ??= new Ratelimit({
    redis: getRedis(),
    limiter: Ratelimit.slidingWindow(LOGIN_LIMIT.attempts, LOGIN_LIMIT.window),
    prefix: redisKey("rl", "login"),
    analytics: false,
    // No silent fail-open on a slow Redis: an error reaches the caller, which refuses (fail closed).
    timeout: 0,
  });
  return { limiter, identifier: (email) => hashToken(email.trim().toLowerCase()) };
}
