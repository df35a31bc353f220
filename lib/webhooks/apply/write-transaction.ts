import { getDb } from "@/lib/db/client";
import type { Tx } from "@/lib/db/tenant";

const RETRYABLE = new Set(["ER_LOCK_DEADLOCK", "ER_LOCK_WAIT_TIMEOUT"]);
const ATTEMPTS = 3;

function lockConflict(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== "object" || depth > 3) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === "string" && RETRYABLE.has(code)) return true;
  return lockConflict((err as { cause?: unknown }).cause, depth + 1);
}

/**
 * A transaction for the mirror writes (webhooks and outbound use cases). Events of one call or one
 * booking are often processed at the same moment, and two upserts of the same new key can deadlock
 * in InnoDB: MySQL rolls one back, which is then simply run again here (a few times, with jitter)
 * instead of failing its job. Any other error is thrown at once.
 */
export async function writeTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await getDb().transaction(fn);
    } catch (err) {
      if (attempt >= ATTEMPTS || !lockConflict(err)) throw err;
      await new Promise((r) => setTimeout(r, 10 + Math.random() * 40 * attempt));
    }
  }
}
