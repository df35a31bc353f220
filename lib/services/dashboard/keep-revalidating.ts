import { after } from "next/server";
import type { CachedResult } from "@/lib/cache/types";

/**
 * A STALE answer refreshes its cache entry in the background: hand that work to Next's `after()`
 * so a serverless platform keeps the function alive until it settles. Outside a request (scripts,
 * tests) `after` is unavailable; the refresh, which never rejects, then simply runs on its own.
 */
export function keepRevalidating<T>(result: CachedResult<T>): CachedResult<T> {
  if (result.revalidation) {
    try {
      after(result.revalidation);
    } catch {
      // no request scope: nothing to keep alive
    }
  }
  return result;
}
