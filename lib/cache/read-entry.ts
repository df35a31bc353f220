import { READ_SCRIPT } from "./lua";
import { runScript } from "@/lib/redis/run-script";

export type EntryRead =
  | { kind: "l1"; vv: string }
  | { kind: "hit"; vv: string; body: string; freshUntil: number }
  | { kind: "stale"; vv: string; body: string; gotLock: boolean }
  | { kind: "miss"; vv: string; gotLock: boolean };

export interface EntryRefs {
  entryKey: string;
  lockKey: string;
  versionKeys: string[];
}

/**
 * One Redis trip: current versions, the entry if it is current, and (on a miss or a stale entry)
 * an attempt at the single-flight lock. `l1vv` is the version vector of this instance's in-memory
 * copy, so a current copy costs a short answer instead of the body.
 */
export async function readEntry(refs: EntryRefs, now: number, lockMs: number, token: string, l1vv: string): Promise<EntryRead> {
  const raw = (await runScript(READ_SCRIPT, [refs.entryKey, refs.lockKey, ...refs.versionKeys], [now, lockMs, token, l1vv])) as unknown[];
  const kind = String(raw[0]);
  const vv = String(raw[1]).slice(1);
  switch (kind) {
    case "l1":
      return { kind, vv };
    case "hit":
      return { kind, vv, body: String(raw[2]).slice(1), freshUntil: Number(raw[3]) };
    case "stale":
      return { kind, vv, body: String(raw[2]).slice(1), gotLock: Number(raw[3]) === 1 };
    case "miss":
      return { kind, vv, gotLock: Number(raw[2]) === 1 };
    default:
      throw new Error(`cache: unexpected read answer ${kind}`);
  }
}
