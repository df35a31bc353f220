import { LOGIN_LIMIT, loginLimiter } from "./login-limiter";

export interface LoginLimitResult {
  ok: boolean;
  limit: number;
  remaining: number;
  /** Epoch ms when the window frees a slot. */
  resetAt: number;
  /** Seconds to wait when refused (RFC 9110 Retry-After), at least 1. */
  retryAfterSeconds: number;
}

/**
 * Whether this email may try a password now: refused once it has had LOGIN_LIMIT failures in the
 * window. Reads only: a failure is counted by recordLoginFailure and a success costs nothing, so
 * signing in often never locks a person out. Throws when Redis cannot answer: callers fail closed.
 */
export async function checkLoginLimit(email: string, now: number = Date.now()): Promise<LoginLimitResult> {
  const { limiter, identifier } = loginLimiter();
  const { remaining, reset } = await limiter.getRemaining(await identifier(email));
  return {
    ok: remaining > 0,
    limit: LOGIN_LIMIT.attempts,
    remaining,
    resetAt: reset,
    retryAfterSeconds: Math.max(1, Math.ceil((reset - now) / 1000)),
  };
}
