import type { CacheStatus } from "./types";

/**
 * Puts `X-Cache: HIT|MISS|STALE|BYPASS` on a response. Responses built with `Response.json()` or
 * `new Response()` are mutable; one that came from `fetch` is not, and is copied first.
 */
export function withCacheHeader(response: Response, status: CacheStatus): Response {
  try {
    response.headers.set("x-cache", status);
    return response;
  } catch {
    const copy = new Response(response.body, response);
    copy.headers.set("x-cache", status);
    return copy;
  }
}
