import { readCallDays } from "@/lib/services/calls/read-call-days";
import { addDays } from "@/lib/time/add-days";

/** Raw sums for one bucket; rates and averages are derived from them (to-kpis.ts). */
export interface CallBucket {
  calls: number;
  answered: number;
  /** Sum of the answered calls' durations. */
  answeredMs: number;
  /** Calls during which at least one appointment was booked (a reschedule's new booking is the same call). */
  bookings: number;
}

const empty = (): CallBucket => ({ calls: 0, answered: 0, answeredMs: 0, bookings: 0 });

/**
 * Calls, answered calls, answered duration and bookings per bucket of whole local days: `starts` are
 * the buckets' first days in order (`YYYY-MM-DD`) followed by the day after the last one. Read from the
 * call_day_counts rollup (today from the raw calls, readCallDays): a year of days is a few hundred index
 * entries per dimension, whatever the calls number. Bookings are counted on the day of the call they
 * were booked during, so conversion compares like with like. Returns one bucket per interval.
 */
export async function aggregateCallBuckets(companyId: string, timezone: string, starts: string[], now?: Date): Promise<CallBucket[]> {
  if (starts.length < 2) return [];
  const last = starts.at(-1)!;
  const buckets = starts.slice(1).map(empty);
  const rows = await readCallDays(companyId, timezone, starts[0]!, addDays(last, -1), ["all", "answered", "booked"], now);
  for (const r of rows) {
    const i = bucketOf(starts, r.day);
    const b = buckets[i];
    if (!b) continue;
    if (r.dim === "all") b.calls += r.n;
    else if (r.dim === "answered") {
      b.answered += r.n;
      b.answeredMs += r.ms;
    } else b.bookings += r.n;
  }
  return buckets;
}

/** The index of the bucket a day falls in (binary search over the sorted starts); -1 outside. */
export function bucketOf(starts: string[], day: string): number {
  let lo = 0;
  let hi = starts.length - 1;
  if (day < starts[0]! || day >= starts[hi]!) return -1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]! <= day) lo = mid;
    else hi = mid;
  }
  return lo;
}
