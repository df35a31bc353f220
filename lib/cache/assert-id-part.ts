/**
 * Company and user ids sit in fixed positions of every cache key; an id containing the separator
 * could shift the positions and alias another tenant's key, so such ids are refused outright.
 */
export function assertIdPart(what: string, value: string | undefined): asserts value is string {
  if (typeof value !== "string" || value.length === 0 || value.includes(":")) {
    throw new TypeError(`cache: ${what} must be a non-empty id without ":"`);
  }
}
