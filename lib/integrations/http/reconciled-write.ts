import { isAmbiguous } from "./call-vendor";
import { sleep } from "./retry-delay";

export interface ReconciledWrite<T> {
  /** One attempt of the write (through the breaker). */
  send: () => Promise<T>;
  /** Looks the write's effect up at the vendor: the result if it happened, null if it did not. */
  reconcile: () => Promise<T | null>;
  /** Wait before looking: a vendor's list may lag its write. */
  reconcileDelayMs?: number;
  /** Writes in all (default 2). */
  attempts?: number;
}

/**
 * A write that must not happen twice (a call dialled, a booking made). A definite answer (2xx, 4xx)
 * ends it; an ambiguous one (timeout, dropped connection, 5xx, unparsable 2xx) is reconciled — the
 * vendor is asked whether the write happened — and only sent again when it did not. If the vendor
 * cannot tell us (the lookup fails too), the original error is thrown and nothing is resent.
 */
export async function reconciledWrite<T>(w: ReconciledWrite<T>): Promise<T> {
  const attempts = w.attempts ?? 2;
  for (let attempt = 1; ; attempt++) {
    try {
      return await w.send();
    } catch (err) {
      if (!isAmbiguous(err)) throw err;
      await sleep(w.reconcileDelayMs ?? 1_000);
      let found: T | null;
      try {
        found = await w.reconcile();
      } catch {
        throw err;
      }
      if (found !== null) return found;
      if (attempt >= attempts) throw err;
    }
  }
}
