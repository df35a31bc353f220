import { AsyncLocalStorage } from "node:async_hooks";

/**
 * The company's cache epoch: one Redis value per company (`cache:v:e:<company>`) and one for all
 * companies (`cache:v:eg`) that every invalidation moves (invalidate.ts, in its one trip) to a value
 * never seen before (the version counter and the clock). The gateway's decision reads both in the trip
 * the request already makes (lib/gateway/rate-limit/script.ts) and signs them into the context.
 *
 * A HIT can then skip the version check: an instance's in-memory copy of an entry is tagged with the
 * epoch of the request that read or built it (read before the entry was), so a later request whose
 * decision saw the same epoch knows nothing of that company was invalidated since — the copy is as
 * current as Redis' entry, and is served with no Redis trip. Any invalidation before the request's
 * decision (a write commits, then invalidates, then answers) changes the epoch: the copy is not used and
 * the read goes to Redis as before. So "after a write commits, no instance serves older data" holds
 * as it did; a write that lands while a request is in flight may or may not be seen by it.
 */
const store = new AsyncLocalStorage<{ companyId: string; epoch: string; reads: CacheReadLedger }>();

/**
 * What a handler's cache reads say about its answer (lib/server/front-answers.ts): how many it made and
 * until when every one of them was current as of the request's epoch (-1 once one was not: a STALE or
 * BYPASS read, a load whose write did not land, a read of another company's data).
 */
export interface CacheReadLedger {
  reads: number;
  currentUntil: number;
  /** The resources read, in order (a reused answer counts a HIT for each). */
  resources: string[];
}

export function newCacheReadLedger(): CacheReadLedger {
  return { reads: 0, currentUntil: Number.POSITIVE_INFINITY, resources: [] };
}

/** Until when the answer built from these reads stays current, if it was built from cache reads only and all were. */
export function ledgerCurrentUntil(ledger: CacheReadLedger): number | undefined {
  return ledger.reads > 0 && ledger.currentUntil > 0 && Number.isFinite(ledger.currentUntil) ? ledger.currentUntil : undefined;
}

/** Runs a route handler with the epoch its gateway decision saw for its company (none: no fast path). */
export function withCacheEpoch<T>(
  companyId: string | null,
  epoch: string | undefined,
  fn: () => T,
  reads: CacheReadLedger = newCacheReadLedger(),
): T {
  if (!companyId || !epoch) return fn();
  return store.run({ companyId, epoch, reads }, fn);
}

/**
 * Says the current request's answer changes at `atMs` whatever the cache holds (a period relative to today
 * moves at the company's midnight, though the URL asking for it does not): nothing reuses it past then.
 */
export function answerChangesAt(atMs: number): void {
  const s = store.getStore();
  if (s) s.reads.currentUntil = Math.min(s.reads.currentUntil, atMs);
}

/** Notes one cache read of the current request: current as of its epoch until `currentUntil`, or not current (undefined). */
export function noteCacheRead(companyId: string, resource: string, currentUntil: number | undefined): void {
  const s = store.getStore();
  if (!s) return;
  s.reads.reads++;
  s.reads.resources.push(resource);
  s.reads.currentUntil = s.companyId === companyId && currentUntil !== undefined ? Math.min(s.reads.currentUntil, currentUntil) : -1;
}

/** The epoch the current request's decision saw for `companyId`, if it made one for that company. */
export function cacheEpochFor(companyId: string): string | undefined {
  const s = store.getStore();
  return s && s.companyId === companyId ? s.epoch : undefined;
}
