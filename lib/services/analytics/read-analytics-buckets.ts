import { SENTIMENTS, type Sentiment } from "@/lib/db/schema/calls";
import { readAppointmentDays } from "@/lib/services/appointments/read-appointment-days";
import { readCallDays } from "@/lib/services/calls/read-call-days";
import { bucketOf } from "@/lib/services/dashboard/aggregate-call-buckets";
import { addDays } from "@/lib/time/add-days";

/** The raw sums of one bucket of days; the KPIs are derived from them (derive-analytics.ts). */
export interface AnalyticsBucket {
  calls: number;
  answered: number;
  answeredMs: number;
  bookings: number;
  /** Calls by sentiment (analysed calls only). */
  sentiment: Record<Sentiment, number>;
  /** Appointments starting in the bucket, by their status now. */
  completed: number;
  noShows: number;
  /** Completed appointments' prices, minor units per currency. */
  revenue: Map<string, number>;
  /** Calls by why they ended ("" when the provider gave no reason). */
  reasons: Map<string, number>;
}

const empty = (): AnalyticsBucket => ({
  calls: 0,
  answered: 0,
  answeredMs: 0,
  bookings: 0,
  sentiment: Object.fromEntries(SENTIMENTS.map((s) => [s, 0])) as Record<Sentiment, number>,
  completed: 0,
  noShows: 0,
  revenue: new Map(),
  reasons: new Map(),
});

/**
 * Every analytics sum per bucket of whole local days (`starts`: the buckets' first days, then the day
 * after the last), from the daily rollups for whole days and the raw rows for today: two primary-key
 * range reads of call_day_counts' dimensions and one each of the appointment rollups, whatever the
 * number of calls. A call's numbers fall on its start's day, an appointment's on its start's.
 */
export async function readAnalyticsBuckets(companyId: string, timezone: string, starts: string[], now?: Date): Promise<AnalyticsBucket[]> {
  if (starts.length < 2) return [];
  const [from, to] = [starts[0]!, addDays(starts.at(-1)!, -1)];
  const buckets = starts.slice(1).map(empty);
  const [callRows, appointments] = await Promise.all([
    readCallDays(companyId, timezone, from, to, ["all", "answered", "booked", "sentiment", "reason"], now),
    readAppointmentDays(companyId, timezone, from, to, now),
  ]);
  for (const r of callRows) {
    const b = buckets[bucketOf(starts, r.day)];
    if (!b) continue;
    if (r.dim === "all") b.calls += r.n;
    else if (r.dim === "answered") {
      b.answered += r.n;
      b.answeredMs += r.ms;
    } else if (r.dim === "booked") b.bookings += r.n;
    else if (r.dim === "reason") b.reasons.set(r.value, (b.reasons.get(r.value) ?? 0) + r.n);
    else if (r.value in b.sentiment) b.sentiment[r.value as Sentiment] += r.n;
  }
  for (const c of appointments.counts) {
    const b = buckets[bucketOf(starts, c.day)];
    if (!b) continue;
    if (c.status === "completed") b.completed += c.n;
    else if (c.status === "no_show") b.noShows += c.n;
  }
  for (const r of appointments.revenue) {
    const b = buckets[bucketOf(starts, r.day)];
    if (b) b.revenue.set(r.currency, (b.revenue.get(r.currency) ?? 0) + r.cents);
  }
  return buckets;
}
