import { assertIdPart } from "./assert-id-part";
import { cacheKeys } from "./keys";
import { INVALIDATE_SCRIPT } from "./lua";
import { CACHE_EVENTS, CACHE_POLICIES, CACHE_RESOURCES, type CacheEvent, type CacheResource } from "./policy";
import { resourcesInvalidatedBy } from "./resources-invalidated-by";
import { runScript } from "@/lib/redis/run-script";
import { VERSION_TTL_MS } from "./version-ttl-ms";

/** An event from the table, or resources ("*" = all) and/or custom tags named directly. */
export type InvalidationTarget = CacheEvent | { resources?: readonly CacheResource[] | "*"; tags?: readonly string[] };

/**
 * Whose entries: one company (default), one user in it, or every company (the wildcard rule,
 * e.g. after a change to how analytics are computed).
 */
export type InvalidationScope = { companyId: string; userId?: string } | { allCompanies: true };

/**
 * Makes every entry of the target's resources (cascaded through the dependency table) unservable
 * on every instance, in one Redis trip: each affected version key gets a new value, and reads only
 * serve entries built under the current values. No key is scanned or deleted; old entries simply
 * expire. Call it after the write commits and before the write's response is sent: from then on no
 * instance serves data older than the write.
 *
 * A user-scoped call moves the user's versions of personal resources, and the company's versions of
 * the others (a non-personal entry cannot be invalidated for one user only, so it is invalidated
 * for all: too much, never too little).
 */
export async function invalidate(target: InvalidationTarget, scope: InvalidationScope): Promise<{ resources: CacheResource[] }> {
  const roots = typeof target === "string" ? CACHE_EVENTS[target] : target.resources === "*" ? CACHE_RESOURCES : (target.resources ?? []);
  const tags = typeof target === "string" ? [] : (target.tags ?? []);
  const resources = resourcesInvalidatedBy(roots);
  const keys: string[] = [];

  if ("allCompanies" in scope) {
    if (tags.length > 0) throw new TypeError("cache: tags are company-scoped; pass a companyId to invalidate them");
    for (const r of resources) keys.push(cacheKeys.globalVersion(r));
  } else {
    assertIdPart("companyId", scope.companyId);
    if (scope.userId !== undefined) assertIdPart("userId", scope.userId);
    for (const r of resources) {
      keys.push(
        scope.userId !== undefined && CACHE_POLICIES[r].personal
          ? cacheKeys.userVersion(scope.companyId, scope.userId, r)
          : cacheKeys.companyVersion(scope.companyId, r),
      );
    }
    for (const tag of tags) keys.push(cacheKeys.tagVersion(scope.companyId, tag));
  }
  // …and the epoch the gateway reads (epoch.ts), so no instance serves a memory copy past this call.
  const epochs = keys.length === 0 ? [] : "allCompanies" in scope ? [cacheKeys.globalEpoch()] : [cacheKeys.epoch(scope.companyId)];
  if (keys.length > 0) await runScript(INVALIDATE_SCRIPT, [cacheKeys.seq(), ...keys, ...epochs], [VERSION_TTL_MS, epochs.length]);
  return { resources };
}
