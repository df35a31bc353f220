/**
 * The gateway's windows are fixed and aligned to the clock (a minute window resets at :00). A test
 * that fills a window must not straddle that reset, or the count starts again half way through and
 * the outcome depends on the second the test began. This waits, when less than `needMs` of the
 * current window is left, until the next window opens.
 */
export async function awayFromWindowEdge(windowSec: number, needMs: number): Promise<void> {
  const windowMs = windowSec * 1000;
  const left = windowMs - (Date.now() % windowMs);
  if (left < needMs) await new Promise((resolve) => setTimeout(resolve, left + 50));
}
