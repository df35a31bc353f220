import { findDriverError } from "./find-driver-error";

/**
 * The MySQL driver's error code of an error (`ER_DUP_ENTRY`, `ER_LOCK_DEADLOCK`, `ECONNREFUSED` …),
 * looking through its `cause` chain (see findDriverError). With `among`, the first code in the chain
 * that is one of those; without, the first code at all.
 */
export function findDriverCode(err: unknown, among?: readonly string[]): string | undefined {
  return findDriverError(err, among)?.code;
}
