import { CACHE_POLICIES, CACHE_RESOURCES, SESSION_TTL_CAP_SEC } from "./policy";

/**
 * How long a bumped version key is kept: longer than any entry can live (TTL + SWR, a session's
 * cap). An entry built before a bump therefore always expires before the bump does, so an expired
 * version key (read as "0") can never make an old entry current again.
 */
export const VERSION_TTL_MS =
  Math.max(
    ...CACHE_RESOURCES.map((r) => {
      const p = CACHE_POLICIES[r];
      return (p.ttlSec === "session" ? SESSION_TTL_CAP_SEC : p.ttlSec) + p.swrSec;
    }),
  ) *
    1000 +
  60_000;
