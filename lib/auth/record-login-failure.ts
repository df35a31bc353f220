import { loginLimiter } from "./login-limiter";

/** Counts one failed sign-in (wrong password, unknown email, disabled account) against the email's window. */
export async function recordLoginFailure(email: string): Promise<void> {
  const { limiter, identifier } = loginLimiter();
  const res = await limiter.limit(await identifier(email));
  await res.pending;
}
