import { CACHE_POLICIES, CACHE_RESOURCES, type CacheResource } from "./policy";

/** Reverse edges of the dependency column, built once: resource → resources derived from it. */
const DEPENDENTS = new Map<string, CacheResource[]>();
for (const resource of CACHE_RESOURCES) {
  for (const source of CACHE_POLICIES[resource].dependsOn) {
    DEPENDENTS.set(source, [...(DEPENDENTS.get(source) ?? []), resource]);
  }
}

/**
 * The cascade rule: the given resources plus everything derived from them, transitively (calls →
 * dashboard, analytics). Computed when invalidating rather than stored in every entry, so a read
 * checks only its own resource's versions.
 */
export function resourcesInvalidatedBy(roots: readonly CacheResource[]): CacheResource[] {
  const out = new Set<CacheResource>();
  const queue = [...roots];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    if (out.has(next)) continue;
    out.add(next);
    queue.push(...(DEPENDENTS.get(next) ?? []));
  }
  return [...out];
}
