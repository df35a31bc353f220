import type { BrowserContext, Page } from "@playwright/test";
import { freshRateLimits } from "./fresh-limits";
import { signIn } from "./sign-in";

type Cookies = Awaited<ReturnType<BrowserContext["cookies"]>>;

/** Session cookies per email, for this worker process (tests run in one worker, files in sequence). */
const sessions = new Map<string, Cookies>();

/**
 * Signs `page` in as `email`: through the /signin form the first time in this worker, then with the
 * same session's cookies. Sign-ins count against a per-email limit (10 per 15 min, shared by every
 * spec of a run), so a suite that signed in per test would lock itself out.
 */
export async function signInOnce(page: Page, email: string): Promise<void> {
  const cookies = sessions.get(email);
  if (cookies) {
    await freshRateLimits();
    await page.context().addCookies(cookies);
    return;
  }
  await signIn(page, email);
  sessions.set(email, await page.context().cookies());
}

/**
 * Forgets the cached session of `email`: call it after a spec ends that person's sessions (sign-out
 * ends every device), so the next signInOnce signs in through the form instead of reusing a dead cookie.
 */
export function forgetSession(email: string): void {
  sessions.delete(email);
}
