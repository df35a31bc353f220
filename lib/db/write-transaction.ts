import { getDb } from "./client";
import { findDriverCode } from "./find-driver-code";
import type { Tx } from "./tenant";

/** InnoDB rolled the transaction back to break a deadlock, or gave up waiting for a lock: running it again is safe. */
const RETRYABLE = ["ER_LOCK_DEADLOCK", "ER_LOCK_WAIT_TIMEOUT"];
const ATTEMPTS = 3;

/**
 * A transaction for the domain's mirror writes (webhooks and the services routes call). Events of
 * one call or one booking are often processed at the same moment, and two upserts of the same new
 * key can deadlock in InnoDB: MySQL rolls one back, which is then simply run again here (a few
 * times, with jitter) instead of failing its job or request. Any other error is thrown at once.
 */
export async function writeTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await getDb().transaction(fn);
    } catch (err) {
      if (attempt >= ATTEMPTS || !findDriverCode(err, RETRYABLE)) throw err;
      await new Promise((r) => setTimeout(r, 10 + Math.random() * 40 * attempt));
    }
  }
}
