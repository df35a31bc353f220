/** A unique index refused the row (MySQL ER_DUP_ENTRY), looking through drizzle's wrapper. */
export function isDuplicateKey(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== "object" || depth > 3) return false;
  if ((err as { code?: unknown }).code === "ER_DUP_ENTRY") return true;
  return isDuplicateKey((err as { cause?: unknown }).cause, depth + 1);
}
