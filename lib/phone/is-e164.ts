/** E.164: `+`, a country code that does not start with 0, and at most 15 digits in all (at least 7 here). */
export const E164_PATTERN = /^\+[1-9]\d{6,14}$/;

/** Is this a phone number in E.164 (`+16175550123`), the one form numbers are stored and compared in? */
export function isE164(value: unknown): value is string {
  return typeof value === "string" && E164_PATTERN.test(value);
}
