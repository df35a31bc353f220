const DAY_MS = 86_400_000;

/**
 * The "now" the demo data is laid out around: the start of the current UTC day. Data stays within
 * "the last 90 days" whenever it is seeded, while every run on one day produces identical rows.
 */
export function seedAnchor(now = new Date()): Date {
  return new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);
}

export const DAY = DAY_MS;
export const HOUR = 3_600_000;
export const MINUTE = 60_000;

/** `YYYY-MM-DD` of a UTC instant. */
export function utcDay(at: Date | number): string {
  return new Date(at).toISOString().slice(0, 10);
}
