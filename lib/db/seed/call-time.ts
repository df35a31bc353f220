import { DAY, HOUR, MINUTE } from "./anchor";
import type { Rng } from "./prng";

/** Calls per local hour: busy mornings, a lunch dip, and some after hours (the agent answers 24/7). */
const HOUR_WEIGHTS: Record<string, number> = {
  "0": 1,
  "1": 0.5,
  "2": 0.3,
  "3": 0.3,
  "4": 0.3,
  "5": 0.5,
  "6": 1.5,
  "7": 4,
  "8": 9,
  "9": 12,
  "10": 12,
  "11": 10,
  "12": 7,
  "13": 9,
  "14": 10,
  "15": 9,
  "16": 8,
  "17": 5,
  "18": 3,
  "19": 2.5,
  "20": 2,
  "21": 1.5,
  "22": 1,
  "23": 1,
};
/** Sunday … Saturday. */
const WEEKDAY_WEIGHTS = [0.25, 1.1, 1, 1, 1, 0.9, 0.5];

/**
 * `total` call start times over the `days` local days before the anchor, shaped like a business's
 * phone traffic, in ascending order. Order matters at scale: ids and every (company_id, …, started_at)
 * index then grow at their ends instead of splitting pages all over a table larger than the buffer pool.
 */
export function* callTimes(rng: Rng, anchor: Date, utcOffsetHours: number, total: number, days = 90): Generator<Date> {
  // Local day k (k = days … 1) starts at local midnight, expressed in UTC.
  const starts = Array.from({ length: days }, (_, i) => anchor.getTime() - (days - i) * DAY - utcOffsetHours * HOUR);
  const weights = starts.map((s) => WEEKDAY_WEIGHTS[new Date(s + utcOffsetHours * HOUR).getUTCDay()]!);
  const sum = weights.reduce((a, b) => a + b, 0);
  let cumulative = 0;
  let emitted = 0;
  for (let d = 0; d < days; d++) {
    cumulative += weights[d]!;
    const count = Math.round((total * cumulative) / sum) - emitted;
    emitted += count;
    const times: number[] = [];
    while (times.length < count) {
      const t = starts[d]! + Number(rng.weighted(HOUR_WEIGHTS)) * HOUR + rng.int(0, 59) * MINUTE + rng.int(0, 59_999);
      if (t < anchor.getTime()) times.push(t); // the newest local day is partly after the anchor
    }
    times.sort((a, b) => a - b);
    for (const t of times) yield new Date(t);
  }
}

/** A bookable slot `afterDays` after `from`, on the hour or half hour between 8:00 and 16:30 local. */
export function slotTime(rng: Rng, from: Date, utcOffsetHours: number, afterDays: number): Date {
  const day = Math.floor(from.getTime() / DAY) * DAY + afterDays * DAY;
  const weekday = new Date(day).getUTCDay();
  const shifted = weekday === 0 ? day + DAY : weekday === 6 ? day + 2 * DAY : day;
  return new Date(shifted + (rng.int(16, 33) / 2 - utcOffsetHours) * HOUR);
}
