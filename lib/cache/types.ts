import type { CACHE_POLICIES, CacheResource, PersonalResource } from "./policy";

export type CacheStatus = "HIT" | "MISS" | "STALE" | "BYPASS";

type UserScope<R extends CacheResource> = R extends PersonalResource
  ? { /** Personal resource: entries belong to this user. */ userId: string }
  : { userId?: undefined };

type SessionScope<R extends CacheResource> = (typeof CACHE_POLICIES)[R]["ttlSec"] extends "session"
  ? { /** Epoch ms the session ends; the entry lives that long. */ sessionExpiresAt: number }
  : { sessionExpiresAt?: undefined };

/** What a handler says about the data it wants cached. The types demand `userId` exactly for personal resources. */
export type CachedInput<R extends CacheResource> = {
  resource: R;
  companyId: string;
  /** Identifies the entry inside the resource, e.g. `list:${await cacheKeyOf(filters)}`. */
  key: string;
  /** Custom tags (company-scoped), e.g. `customer:cus_…`, invalidated with `invalidate({ tags }, …)`. */
  tags?: readonly string[];
  /** The request's instant (epoch ms); tests inject it. */
  now?: number;
  /** Skip the cache for this read (the client sent `Cache-Control: no-cache`). */
  bypass?: boolean;
  /** Single-flight lock lifetime: longer than the loader ever takes. Default 10 s. */
  lockMs?: number;
  /** How long a caller waits for another instance's load before loading itself. Default 5 s. */
  waitMs?: number;
} & UserScope<R> &
  SessionScope<R>;

export interface CachedResult<T> {
  value: T;
  status: CacheStatus;
  /** Where a HIT or STALE body came from: this instance's memory (validated in Redis) or Redis. */
  layer?: "L1" | "L2";
  /**
   * Set when the value is current as of the request's cache epoch (an L1 copy of that epoch, an entry read
   * or written after the decision): epoch ms until which the entry is fresh.
   */
  currentUntil?: number;
  /**
   * Set when this request serves STALE and refreshes the entry in the background: hand it to
   * Next's `after()` so the platform keeps the function alive until it settles. Never rejects.
   */
  revalidation?: Promise<void>;
}
