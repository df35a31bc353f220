/**
 * How long a vendor asked us to wait, in ms, from its answer's headers, or undefined if it did not
 * say. `Retry-After` is seconds or an HTTP date (RFC 9110); `X-RateLimit-Reset` is, depending on
 * the vendor, epoch seconds (SendGrid, GitHub style) or seconds from now: a value above 10^9 is
 * taken as an instant.
 */
export function retryDelayMs(headers: Headers, now = Date.now()): number | undefined {
  const retryAfter = headers.get("retry-after")?.trim();
  if (retryAfter) {
    if (/^\d+(\.\d+)?$/.test(retryAfter)) return Math.round(Number(retryAfter) * 1000);
    const at = Date.parse(retryAfter);
    if (Number.isFinite(at)) return Math.max(0, at - now);
  }
  const reset = headers.get("x-ratelimit-reset")?.trim();
  if (reset && /^\d+(\.\d+)?$/.test(reset)) {
    const value = Number(reset);
    return value > 1e9 ? Math.max(0, Math.ceil(value * 1000 - now)) : Math.round(value * 1000);
  }
  return undefined;
}

/** Exponential backoff with full jitter: attempt 1 → up to base, 2 → up to 2·base, … capped. */
export function backoffMs(attempt: number, baseMs: number, capMs = 5_000): number {
  return Math.round(Math.random() * Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1)));
}

/** Resolves after `ms`, or rejects as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
