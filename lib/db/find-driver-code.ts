/**
 * The MySQL driver's error code of an error (`ER_DUP_ENTRY`, `ER_LOCK_DEADLOCK`, `ECONNREFUSED` …),
 * looking through its `cause` chain: drizzle wraps the mysql2 error in a DrizzleQueryError, and
 * callers may wrap it again. With `among`, the first code in the chain that is one of those;
 * without, the first code at all. Undefined when there is none within four levels.
 */
export function findDriverCode(err: unknown, among?: readonly string[]): string | undefined {
  let current = err;
  for (let depth = 0; depth <= 3 && current !== null && typeof current === "object"; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && (!among || among.includes(code))) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
