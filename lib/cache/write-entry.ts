import type { EntryRefs } from "./read-entry";
import { WRITE_SCRIPT } from "./lua";
import { runScript } from "@/lib/redis/run-script";

/**
 * How long an entry stays in Redis after its stale window, so a read whose loader cannot reach
 * MySQL can still answer with it (STALE) as long as nothing invalidated it.
 */
export const LAST_RESORT_KEEP_MS = 15 * 60_000;

/**
 * Stores a loaded body under the version vector read before loading, unless an invalidation has
 * moved a version since (then the body may predate a committed write and is dropped), and releases
 * the lock if this caller still holds it. One trip. Returns whether the entry was written.
 */
export async function writeEntry(
  refs: EntryRefs,
  entry: { vv: string; body: string; freshUntil: number; staleUntil: number; now: number },
  token: string,
): Promise<boolean> {
  // Kept past its stale window for the last resort (read only when the database is unreachable).
  const px = Math.max(1, entry.staleUntil - entry.now) + LAST_RESORT_KEEP_MS;
  const wrote = await runScript(
    WRITE_SCRIPT,
    [refs.entryKey, refs.lockKey, ...refs.versionKeys],
    [entry.vv, entry.freshUntil, entry.staleUntil, entry.body, px, token],
  );
  return Number(wrote) === 1;
}
