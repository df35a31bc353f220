import { cacheKeys } from "./keys";
import type { CacheResource } from "./policy";

/**
 * The version keys an entry is checked against on every read: the resource's wildcard version (all
 * companies), its company version, its user version when the entry is personal, and the company
 * version of each custom tag. Any of them moving makes the entry unservable.
 */
export function versionKeysFor(resource: CacheResource, companyId: string, userId: string | undefined, tags: readonly string[]): string[] {
  const keys = [cacheKeys.globalVersion(resource), cacheKeys.companyVersion(companyId, resource)];
  if (userId !== undefined) keys.push(cacheKeys.userVersion(companyId, userId, resource));
  for (const tag of [...new Set(tags)].sort()) keys.push(cacheKeys.tagVersion(companyId, tag));
  return keys;
}
