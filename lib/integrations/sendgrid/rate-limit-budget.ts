import { createHash } from "node:crypto";

/**
 * What SendGrid last told this instance about a key's rate-limit window (`X-RateLimit-Remaining`,
 * `X-RateLimit-Reset`), so we wait for the reset instead of sending a request we know it refuses.
 * Keyed by a hash of the API key: the key itself is never kept. Per instance, by design: it only
 * saves a doomed request; SendGrid's 429 remains the authority.
 */
const windows = new Map<string, { remaining: number; resetAtMs: number }>();

export function budgetKey(apiKey: string): string {
  return createHash("sha256").update(apiKey).digest("base64url").slice(0, 16);
}

export function rememberRateLimit(key: string, headers: Headers): void {
  const remaining = Number(headers.get("x-ratelimit-remaining"));
  const reset = Number(headers.get("x-ratelimit-reset"));
  if (!Number.isFinite(remaining) || !Number.isFinite(reset) || headers.get("x-ratelimit-remaining") === null) return;
  windows.set(key, { remaining, resetAtMs: reset * 1000 });
  if (windows.size > 1_000) windows.delete(windows.keys().next().value!);
}

/** How long to wait before sending (0 = go), given what SendGrid said last. */
export function waitBeforeSendMs(key: string, now = Date.now()): number {
  const w = windows.get(key);
  if (!w || w.remaining > 0) return 0;
  if (now >= w.resetAtMs) {
    windows.delete(key);
    return 0;
  }
  return w.resetAtMs - now;
}

/** Forget everything (tests). */
export function clearRateLimitBudgets(): void {
  windows.clear();
}
