import { Ratelimit } from "@upstash/ratelimit";
import { getRedis, redisKey } from "@/lib/redis/client";
import { hashToken } from "./hash-token";

/** Per-email brute-force limit of sign-in and the token endpoint (per-IP is the gateway's layer 1). */
export const LOGIN_LIMIT = { attempts: 10, window: "15 m" } as const;

export interface LoginLimitResult {
  ok: boolean;
  limit: number;
  remaining: number;
  /** Epoch ms when the window frees a slot. */
  resetAt: number;
  /** Seconds to wait when refused (RFC 9110 Retry-After), at least 1. */
  retryAfterSeconds: number;
}

let limiter: Ratelimit | undefined;

function loginLimiter(): Ratelimit {
  limiter ??= new Ratelimit({
    redis: getRedis(),
    limiter: Ratelimit.slidingWindow(LOGIN_LIMIT.attempts, LOGIN_LIMIT.window),
    prefix: redisKey("rl", "login"),
    analytics: false,
    // No silent fail-open on a slow Redis: an error reaches the caller, which refuses (fail closed).
    timeout: 0,
  });
  return limiter;
}

/**
 * Counts one attempt for this email, successful or not. Keyed by SHA-256 of the lower-cased email,
 * so Redis never holds addresses. Throws when Redis cannot answer: callers fail closed.
 */
export async function checkLoginLimit(email: string, now: number = Date.now()): Promise<LoginLimitResult> {
  const identifier = await hashToken(email.trim().toLowerCase());
  const res = await loginLimiter().limit(identifier);
  await res.pending;
  return {
    ok: res.success,
    limit: res.limit,
    remaining: res.remaining,
    resetAt: res.reset,
    retryAfterSeconds: Math.max(1, Math.ceil((res.reset - now) / 1000)),
  };
}
