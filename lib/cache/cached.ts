import { isDatabaseUnreachable } from "@/lib/db/is-database-unreachable";
import { errorForLog, logger } from "@/lib/log/logger";
import { inSpan } from "@/lib/tracing/tracer";
import { assertIdPart } from "./assert-id-part";
import { recordCacheResult, recordFallback } from "@/lib/metrics/recorder";
import { entryLifetime } from "./entry-lifetime";
import { cacheEpochFor, noteCacheRead } from "./epoch";
import { cacheKeys } from "./keys";
import { memoryCache } from "./memory-lru";
import { CACHE_POLICIES, type CachePolicy, type CacheResource } from "./policy";
import { readEntry, type EntryRead, type EntryRefs } from "./read-entry";
import { readLastResort } from "./read-last-resort";
import { releaseLock } from "./release-lock";
import type { CachedInput, CachedResult, CacheStatus } from "./types";
import { versionKeysFor } from "./version-keys-for";
import { writeEntry } from "./write-entry";

const DEFAULT_LOCK_MS = 10_000;
const DEFAULT_WAIT_MS = 5_000;
const MAX_POLL_DELAY_MS = 100;

interface Plan {
  resource: CacheResource;
  policy: CachePolicy;
  refs: EntryRefs;
  now: number;
  ttlMs: number;
  swrMs: number;
  /** The request's cache epoch (epoch.ts), when its gateway decision saw one. */
  epoch: string | undefined;
}

/**
 * Step 7 of the request path: serve `loader`'s value through the cache.
 *
 * One Redis trip on a hit (versions + entry + lock attempt in one script). On a miss the caller
 * that wins the single-flight lock loads and writes (a second trip); every other caller, in this
 * instance or any other, polls until the entry appears or it is allowed to take over, so N
 * concurrent misses run the loader once. A stale entry inside its SWR window is served at once and
 * refreshed in the background by the one caller that got the lock. Values go through JSON on every
 * path (a MISS returns exactly what a later HIT will).
 *
 * If Redis fails, the loader answers (status BYPASS): a cache outage degrades speed, not service.
 */
export async function cached<R extends CacheResource, T>(input: CachedInput<R>, loader: () => Promise<T>): Promise<CachedResult<T>> {
  // A span per read (a no-op unless tracing is on); the loader's SQL spans are its children.
  return inSpan(`cache ${input.resource}`, { "switchboard.cache.resource": input.resource }, async (span) => {
    const result = await readThrough(input, loader);
    // What the handler's answer is built from: lib/server/front-answers.ts keeps it only if every read was current.
    noteCacheRead(input.companyId, input.resource, result.currentUntil);
    span.setAttribute("switchboard.cache.status", result.status);
    if (result.layer) span.setAttribute("switchboard.cache.layer", result.layer);
    return result;
  });
}

async function readThrough<R extends CacheResource, T>(input: CachedInput<R>, loader: () => Promise<T>): Promise<CachedResult<T>> {
  const resource: CacheResource = input.resource;
  const policy: CachePolicy = CACHE_POLICIES[resource];
  const userId: string | undefined = input.userId;
  assertIdPart("companyId", input.companyId);
  if (policy.personal) assertIdPart("userId", userId);
  else if (userId !== undefined) throw new TypeError(`cache: ${resource} is not personal; do not pass userId`);

  const now = input.now ?? Date.now();
  const { ttlMs, swrMs } = entryLifetime(resource, now, input.sessionExpiresAt);
  if (policy.bypass || input.bypass || ttlMs === 0) return done(resource, "BYPASS", await serialize(loader));

  const refs: EntryRefs = {
    entryKey: cacheKeys.entry(resource, input.companyId, userId, input.key),
    lockKey: cacheKeys.lock(resource, input.companyId, userId, input.key),
    versionKeys: versionKeysFor(resource, input.companyId, userId, input.tags ?? []),
  };
  const plan: Plan = { resource, policy, refs, now, ttlMs, swrMs, epoch: cacheEpochFor(input.companyId) };
  const token = crypto.randomUUID();
  // With the epoch of this request's gateway decision, any level keeps a memory copy (epoch.ts).
  const epoch = cacheEpochFor(input.companyId);
  const inMemory = policy.level === "L1" || epoch !== undefined;
  const copy = inMemory ? memoryCache.get(refs.entryKey, now) : undefined;
  // Nothing of this company was invalidated since the copy was read: it is current, no Redis trip.
  if (copy && epoch && copy.epoch === epoch) return done(resource, "HIT", copy.body, "L1", copy.freshUntil);

  let read: EntryRead;
  try {
    read = await readEntry(refs, now, input.lockMs ?? DEFAULT_LOCK_MS, token, copy?.vv ?? "");
  } catch (err) {
    logger().warn({ ...errorForLog(err), resource }, "cache: Redis read failed, loading without the cache");
    return done(resource, "BYPASS", await serialize(loader));
  }

  const deadline = Date.now() + (input.waitMs ?? DEFAULT_WAIT_MS);
  for (let attempt = 0; ; attempt++) {
    if (read.kind === "l1" && copy) {
      // Redis says the copy is current now, after this request's decision: it is current as of its epoch.
      if (epoch) memoryCache.set(refs.entryKey, { ...copy, epoch });
      return done(resource, "HIT", copy.body, "L1", epoch ? copy.freshUntil : undefined);
    }
    if (read.kind === "hit") {
      if (inMemory) memoryCache.set(refs.entryKey, { vv: read.vv, freshUntil: read.freshUntil, body: read.body, epoch });
      return done(resource, "HIT", read.body, "L2", epoch ? read.freshUntil : undefined);
    }
    if (read.kind === "stale") {
      const revalidation = read.gotLock ? revalidate(plan, read.vv, token, loader) : undefined;
      return { ...done<T>(resource, "STALE", read.body, "L2"), ...(revalidation ? { revalidation } : {}) };
    }
    if (read.kind === "miss" && read.gotLock) return loadOrLastResort(plan, read.vv, token, loader);
    if (Date.now() >= deadline) {
      // The lock holder is slow or gone and its lock has not expired yet: answer this request
      // ourselves rather than fail it. The write still only lands if no version moved.
      return loadOrLastResort(plan, read.vv, token, loader);
    }
    await new Promise((r) => setTimeout(r, Math.min(MAX_POLL_DELAY_MS, 10 * 2 ** attempt)));
    try {
      read = await readEntry(refs, now, input.lockMs ?? DEFAULT_LOCK_MS, token, "");
    } catch (err) {
      logger().warn({ ...errorForLog(err), resource }, "cache: Redis read failed while waiting, loading without the cache");
      return done(resource, "BYPASS", await serialize(loader));
    }
  }
}

function done<T>(resource: CacheResource, status: CacheStatus, body: string, layer?: "L1" | "L2", currentUntil?: number): CachedResult<T> {
  recordCacheResult(resource, status);
  return { value: JSON.parse(body) as T, status, ...(layer ? { layer } : {}), ...(currentUntil ? { currentUntil } : {}) };
}

async function serialize<T>(loader: () => Promise<T>): Promise<string> {
  // JSON.stringify(undefined) is undefined; store and return null instead.
  return JSON.stringify(await loader()) ?? "null";
}

/**
 * A miss: load and store (MISS). If the loader cannot reach its database (MySQL down), the entry
 * past its stale window answers instead when nothing invalidated it (STALE, counted as a fallback
 * of "mysql"), as SPEC's breaker-with-fallback promises; otherwise the error stands.
 */
async function loadOrLastResort<T>(plan: Plan, vv: string, token: string, loader: () => Promise<T>): Promise<CachedResult<T>> {
  try {
    const loaded = await loadAndStore(plan, vv, token, loader);
    return done(plan.resource, "MISS", loaded.body, undefined, loaded.currentUntil);
  } catch (err) {
    if (!isDatabaseUnreachable(err)) throw err;
    const body = await readLastResort(plan.refs).catch(() => null);
    if (body === null) throw err;
    logger().warn({ resource: plan.resource }, "cache: the database is unreachable; answering with the last current entry");
    recordFallback("mysql");
    return done(plan.resource, "STALE", body, "L2");
  }
}

/**
 * Runs the loader under our lock and writes the entry; on a loader error the lock is released at once.
 * `currentUntil` when the entry landed (no version moved during the load) and the request has an epoch.
 */
async function loadAndStore<T>(
  plan: Plan,
  vv: string,
  token: string,
  loader: () => Promise<T>,
): Promise<{ body: string; currentUntil?: number }> {
  let body: string;
  try {
    body = await serialize(loader);
  } catch (err) {
    await releaseLock(plan.refs, token).catch(() => undefined);
    throw err;
  }
  const freshUntil = plan.now + plan.ttlMs;
  try {
    const wrote = await writeEntry(plan.refs, { vv, body, freshUntil, staleUntil: freshUntil + plan.swrMs, now: plan.now }, token);
    // Loaded after this request's decision: current as of its epoch.
    if (wrote && (plan.policy.level === "L1" || plan.epoch))
      memoryCache.set(plan.refs.entryKey, { vv, freshUntil, body, epoch: plan.epoch });
    if (wrote && plan.epoch) return { body, currentUntil: freshUntil };
  } catch (err) {
    logger().warn({ ...errorForLog(err), resource: plan.resource }, "cache: Redis write failed");
  }
  return { body };
}

/** The background refresh of a stale entry; settles without rejecting so nobody has to catch it. */
async function revalidate<T>(plan: Plan, vv: string, token: string, loader: () => Promise<T>): Promise<void> {
  try {
    await loadAndStore(plan, vv, token, loader);
  } catch (err) {
    logger().warn(
      { ...errorForLog(err), resource: plan.resource },
      "cache: background refresh failed; the stale entry stays until its window ends",
    );
  }
}
