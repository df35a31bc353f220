import { isApiClientError } from "./api-error";

/** Longest Retry-After we wait out automatically; beyond it the error is shown instead. */
const MAX_AUTO_WAIT_SEC = 30;
const MAX_RETRIES = 2;

/**
 * TanStack Query `retry`: never a 4xx (the same request will fail the same way), except a 429 whose
 * Retry-After is short — waited out once. Network errors and 5xx: twice.
 */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isApiClientError(error)) {
    if (error.status === 429) return failureCount < 1 && (error.retryAfterSec ?? MAX_AUTO_WAIT_SEC + 1) <= MAX_AUTO_WAIT_SEC;
    if (error.status >= 400 && error.status < 500) return false;
    if (error.retryAfterSec !== null && error.retryAfterSec > MAX_AUTO_WAIT_SEC) return false;
  }
  return failureCount < MAX_RETRIES;
}

/** TanStack Query `retryDelay`: the server's Retry-After when it sent one, else 1 s, 2 s, 4 s … (max 8 s) with jitter. */
export function retryDelay(failureCount: number, error: unknown): number {
  if (isApiClientError(error) && error.retryAfterSec !== null) return error.retryAfterSec * 1000 + 100;
  return Math.min(1000 * 2 ** failureCount, 8000) * (0.8 + Math.random() * 0.4);
}

/**
 * A `refetchInterval` that polls every `everyMs`, but waits out Retry-After after a 429/503 and
 * stops after a 4xx: `useQuery({ …, refetchInterval: pollEvery(10_000) })`.
 */
export function pollEvery(everyMs: number) {
  return (query: { state: { error: unknown; status: string } }): number | false => {
    const error = query.state.error;
    if (!isApiClientError(error) || query.state.status !== "error") return everyMs;
    if (error.isClientError) return false;
    return Math.max(everyMs, (error.retryAfterSec ?? 0) * 1000);
  };
}
