/** Minimal time-zone arithmetic for the slots endpoint, on Intl only (no tz database of our own). */

/** Minutes a zone is ahead of UTC at an instant (America/New_York in winter: -300). Throws RangeError for an unknown zone. */
export function offsetMinutes(instantMs: number, timeZone: string): number {
  const dtf = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
  const p = Object.fromEntries(dtf.formatToParts(new Date(instantMs)).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return Math.round((asUtc - Math.floor(instantMs / 1000) * 1000) / 60_000);
}

/** The instant a wall-clock time in `timeZone` names. */
export function zonedToInstant(y: number, m: number, d: number, hour: number, minute: number, timeZone: string): number {
  const guess = Date.UTC(y, m - 1, d, hour, minute);
  const first = guess - offsetMinutes(guess, timeZone) * 60_000;
  return guess - offsetMinutes(first, timeZone) * 60_000;
}

/** `2050-09-05T09:00:00.000-04:00`: the instant written in the zone's local time. */
export function formatInZone(instantMs: number, timeZone: string): string {
  const off = offsetMinutes(instantMs, timeZone);
  const local = new Date(instantMs + off * 60_000).toISOString().slice(0, 23);
  const sign = off < 0 ? "-" : "+";
  const abs = Math.abs(off);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

/** The local calendar date (YYYY-MM-DD) of an instant in a zone. */
export function localDate(instantMs: number, timeZone: string): string {
  return new Date(instantMs + offsetMinutes(instantMs, timeZone) * 60_000).toISOString().slice(0, 10);
}
