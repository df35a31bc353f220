import { zonedDateOf, zonedFields } from "./zoned-date-of";

/** How far an IANA zone's wall clock is ahead of UTC at an instant, in ms (negative west of Greenwich). */
export function zoneOffsetMs(at: number, timeZone: string): number {
  const f = zonedFields(at, timeZone);
  const wall = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
  return wall - Math.floor(at / 1000) * 1000;
}

/**
 * A day's midnight in a zone is a fixed fact (until the runtime's zone data changes, which needs a
 * restart): kept per process, so a request's period (four midnights, each four Intl lookups; 0.2 ms of a
 * cache HIT's CPU in `npm run profile:gateway`) costs four map reads. Bounded: emptied when full.
 */
const dayStarts = new Map<string, number>();
const DAY_STARTS_KEPT = 10_000;

/**
 * The UTC instant at which local day `date` (`YYYY-MM-DD`) starts in an IANA zone: its midnight.
 * The offset is read at the guess and again at the first answer, which settles it across a DST
 * change; of the two answers the earliest that lies on `date` wins, so in the few zones whose
 * clocks jump over midnight (America/Santiago) the day starts at its first existing wall-clock time.
 * No database time-zone tables needed.
 */
export function zonedDayStart(date: string, timeZone: string): Date {
  const key = `${timeZone} ${date}`;
  let at = dayStarts.get(key);
  if (at === undefined) {
    if (dayStarts.size >= DAY_STARTS_KEPT) dayStarts.clear();
    at = computeDayStart(date, timeZone);
    dayStarts.set(key, at);
  }
  return new Date(at);
}

function computeDayStart(date: string, timeZone: string): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d);
  const first = wall - zoneOffsetMs(wall, timeZone);
  const second = wall - zoneOffsetMs(first, timeZone);
  const onDate = [first, second].filter((t) => zonedDateOf(t, timeZone) === date);
  return onDate.length > 0 ? Math.min(...onDate) : first;
}
