import type { EntryRefs } from "./read-entry";
import { WRITE_SCRIPT } from "./lua";
import { runScript } from "@/lib/redis/run-script";

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
  const px = Math.max(1, entry.staleUntil - entry.now);
  const wrote = await runScript(
    WRITE_SCRIPT,
    [refs.entryKey, refs.lockKey, ...refs.versionKeys],
    [entry.vv, entry.freshUntil, entry.staleUntil, entry.body, px, token],
  );
  return Number(wrote) === 1;
}
