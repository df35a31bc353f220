import { redisKey } from "@/lib/redis/client";
import type { CacheResource } from "./policy";

/**
 * Redis key names of the cache. Every entry and every version is under its company (and user when
 * personal), in a fixed position, so no choice of `key` or tag can reach another tenant's entry:
 *
 *   cache:e:<resource>:<company>:<user|_>:<key>   an entry (hash: vv, fresh, stale, body)
 *   cache:l:<resource>:<company>:<user|_>:<key>   its single-flight lock
 *   cache:v:g:<resource>                          wildcard version (all companies)
 *   cache:v:c:<company>:<resource>                company version
 *   cache:v:u:<company>:<user>:<resource>         user version (personal resources)
 *   cache:v:t:<company>:<tag>                     a custom tag's version
 *   cache:v:e:<company>                           the company's cache epoch (epoch.ts)
 *   cache:v:eg                                    the all-companies cache epoch
 *   cache:seq                                     the one counter versions are drawn from
 */
export const cacheKeys = {
  entry: (resource: CacheResource, companyId: string, userId: string | undefined, key: string) =>
    redisKey("cache", "e", resource, companyId, userId ?? "_", key),
  lock: (resource: CacheResource, companyId: string, userId: string | undefined, key: string) =>
    redisKey("cache", "l", resource, companyId, userId ?? "_", key),
  globalVersion: (resource: CacheResource) => redisKey("cache", "v", "g", resource),
  companyVersion: (companyId: string, resource: CacheResource) => redisKey("cache", "v", "c", companyId, resource),
  userVersion: (companyId: string, userId: string, resource: CacheResource) => redisKey("cache", "v", "u", companyId, userId, resource),
  tagVersion: (companyId: string, tag: string) => redisKey("cache", "v", "t", companyId, tag),
  epoch: (companyId: string) => redisKey("cache", "v", "e", companyId),
  globalEpoch: () => redisKey("cache", "v", "eg"),
  seq: () => redisKey("cache", "seq"),
};
