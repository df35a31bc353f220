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
 * Takes one of the email's LOGIN_LIMIT attempts BEFORE the password is checked, in one atomic
 * Redis script, so parallel requests cannot all pass a read and reach bcrypt: at most LOGIN_LIMIT
 * of them do. A success gives its attempt back (releaseLoginAttempt), so only failures stay
 * counted and signing in often never locks a person out. Throws when Redis cannot answer: callers
 * fail closed.
 */
export async function reserveLoginAttempt(email: string, now: number = Date.now()): Promise<LoginLimitResult> {
  const { limiter, identifier } = loginLimiter();
  const res = await limiter.limit(await identifier(email));
  await res.pending;
  return {
    ok: res.success,
    limit: LOGIN_LIMIT.attempts,
    remaining: res.remaining,
    resetAt: res.reset,
    retryAfterSeconds: Math.max(1, Math.ceil((res.reset - now) / 1000)),
  };
}
