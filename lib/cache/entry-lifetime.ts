import { CACHE_POLICIES, SESSION_TTL_CAP_SEC, type CacheResource } from "./policy";

/**
 * Fresh and stale-while-revalidate durations (ms) of one entry. A session-lived entry is fresh
 * until the session ends (never past the cap), and never stale: a session that ended is gone.
 */
export function entryLifetime(resource: CacheResource, now: number, sessionExpiresAt?: number): { ttlMs: number; swrMs: number } {
  const policy = CACHE_POLICIES[resource];
  if (policy.ttlSec === "session") {
    if (sessionExpiresAt === undefined) throw new TypeError(`cache: ${resource} lives as long as the session; pass sessionExpiresAt`);
    return { ttlMs: Math.max(0, Math.min(sessionExpiresAt - now, SESSION_TTL_CAP_SEC * 1000)), swrMs: 0 };
  }
  return { ttlMs: policy.ttlSec * 1000, swrMs: policy.swrSec * 1000 };
}
