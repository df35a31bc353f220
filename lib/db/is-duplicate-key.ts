import { findDriverCode } from "./find-driver-code";

/** A unique index refused the row (MySQL ER_DUP_ENTRY), looking through drizzle's wrapper. */
export function isDuplicateKey(err: unknown): boolean {
  return findDriverCode(err, ["ER_DUP_ENTRY"]) !== undefined;
}
