import type { CacheResource } from "./policy";
import type { CacheStatus } from "./types";

const counts = new Map<string, number>();

/**
 * Per-instance cache outcomes by resource and status, for /api/metrics (hits, misses, stale,
 * bypass). Counters only grow, as Prometheus counters should; a scrape reads `cacheStats()`.
 */
export const cacheStats = {
  count(resource: CacheResource, status: CacheStatus): void {
    const key = `${resource}:${status}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  },
  snapshot(): Array<{ resource: CacheResource; status: CacheStatus; count: number }> {
    return [...counts].map(([key, count]) => {
      const [resource, status] = key.split(":") as [CacheResource, CacheStatus];
      return { resource, status, count };
    });
  },
};
