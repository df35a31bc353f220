import { RELEASE_SCRIPT } from "./lua";
import type { EntryRefs } from "./read-entry";
import { runScript } from "@/lib/redis/run-script";

/** Gives up the single-flight lock after a failed load, so a waiting instance can take over at once. */
export async function releaseLock(refs: EntryRefs, token: string): Promise<void> {
  await runScript(RELEASE_SCRIPT, [refs.lockKey], [token]);
}
