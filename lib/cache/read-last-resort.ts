import { LAST_RESORT_SCRIPT } from "./lua";
import type { EntryRefs } from "./read-entry";
import { runScript } from "@/lib/redis/run-script";

/**
 * The entry's body if nothing invalidated it since it was built, however long ago (within
 * LAST_RESORT_KEEP_MS past its stale window), else null. One trip, on the failure path only.
 */
export async function readLastResort(refs: EntryRefs): Promise<string | null> {
  const raw = await runScript(LAST_RESORT_SCRIPT, [refs.entryKey, refs.lockKey, ...refs.versionKeys], []);
  const text = typeof raw === "string" ? raw : "";
  return text.startsWith("b") ? text.slice(1) : null;
}
