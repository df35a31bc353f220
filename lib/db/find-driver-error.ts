/**
 * The MySQL driver's error in an error's `cause` chain (drizzle wraps the mysql2 error in a
 * DrizzleQueryError, and callers may wrap it again): the first object whose `code` is a string and,
 * with `among`, one of those codes. Undefined when there is none within four levels.
 */
export function findDriverError(err: unknown, among?: readonly string[]): { code: string; sqlMessage?: unknown } | undefined {
  let current = err;
  for (let depth = 0; depth <= 3 && current !== null && typeof current === "object"; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && (!among || among.includes(code))) return current as { code: string; sqlMessage?: unknown };
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
