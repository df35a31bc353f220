import { ApiError } from "@/lib/api/errors";
import { reserveLoginAttempt } from "@/lib/auth/reserve-login-attempt";

/**
 * Reserves one of the email's sign-in attempts before the password is checked (give it back with
 * releaseLoginAttempt on success), or refuses: 429 naming the `login` layer with Retry-After, or
 * 503 without Redis (fail closed).
 */
export async function assertLoginAllowed(email: string): Promise<void> {
  let result;
  try {
    result = await reserveLoginAttempt(email);
  } catch (err) {
    throw new ApiError("service_unavailable", undefined, { headers: { "retry-after": "5" }, cause: err });
  }
  if (!result.ok) {
    throw new ApiError("rate_limited", `Too many sign-in attempts for this account. Retry in ${result.retryAfterSeconds} seconds.`, {
      details: { layer: "login", limit: result.limit, retryAfter: result.retryAfterSeconds },
      headers: { "retry-after": String(result.retryAfterSeconds) },
    });
  }
}
