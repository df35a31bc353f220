import { logger } from "@/lib/log/logger";
import { loginLimiter } from "./login-limiter";

/**
 * Gives back the attempt reserveLoginAttempt took, after the password proved right: a success
 * never counts against the email's window. A failed give-back is logged, not thrown (the sign-in
 * stands; the window just counts one attempt more).
 */
export async function releaseLoginAttempt(email: string): Promise<void> {
  try {
    const { limiter, identifier } = loginLimiter();
    const res = await limiter.limit(await identifier(email), { rate: -1 });
    await res.pending;
  } catch (err) {
    logger().warn({ errorName: err instanceof Error ? err.name : "unknown" }, "login attempt not given back");
  }
}
