import { and, count, countDistinct, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { appointments } from "@/lib/db/schema/appointments";
import { calls } from "@/lib/db/schema/calls";
import { forCompany } from "@/lib/db/tenant";
import { answeredCallSql } from "@/lib/services/calls/answered-call";

/** Raw sums for one bucket; rates and averages are derived from them (to-kpis.ts). */
export interface CallBucket {
  calls: number;
  answered: number;
  /** Sum of the answered calls' durations. */
  answeredMs: number;
  bookings: number;
}

/**
 * The bucket (1 … n) a call's start falls in, for edges e0 < e1 < … < en: MySQL's INTERVAL(x, e0, …)
 * is a binary search over the edges, so a 90-day series is one GROUP BY, whatever the company's
 * timezone and DST changes (the edges are local midnights computed in JS; no CONVERT_TZ and no
 * time-zone tables). Seconds since the epoch via TIMESTAMPDIFF, which ignores the session zone;
 * the edges are whole seconds, so truncating started_at's milliseconds never moves a call across one.
 */
function bucketOf(edges: Date[]): SQL<number> {
  const seconds = edges.map((e) => sql`${Math.floor(e.getTime() / 1000)}`);
  return sql<number>`interval(timestampdiff(second, '1970-01-01 00:00:00', ${calls.startedAt}), ${sql.join(seconds, sql`, `)})`;
}

/**
 * Calls, answered calls, answered duration and bookings per bucket [e(i-1), e(i)), for one company.
 * Two grouped queries, each reading the period's slice of the index (company_id, started_at, id); bookings join
 * appointments on (company_id, source_call_id) and are counted by the start of the call they were
 * booked on, so conversion compares like with like — one per call, so a reschedule (a new booking
 * replacing the old, same call) does not count twice. Returns n buckets, empty ones as zeros.
 */
export async function aggregateCallBuckets(companyId: string, edges: Date[]): Promise<CallBucket[]> {
  const db = getDb();
  const [from, to] = [edges[0], edges.at(-1)];
  if (!from || !to || edges.length < 2) return [];
  const bucket = bucketOf(edges).mapWith(Number).as("bucket");
  const answered = answeredCallSql();
  const inRange = [gte(calls.startedAt, from), lt(calls.startedAt, to)];

  const [callRows, bookingRows] = await Promise.all([
    db
      .select({
        bucket,
        calls: count(),
        answered: sql<number>`sum(case when ${answered} then 1 else 0 end)`.mapWith(Number),
        answeredMs: sql<number>`sum(case when ${answered} then ${calls.durationMs} else 0 end)`.mapWith(Number),
      })
      .from(calls)
      .where(forCompany(calls, companyId, ...inRange))
      .groupBy(sql`bucket`),
    db
      .select({ bucket, bookings: countDistinct(appointments.sourceCallId) })
      .from(appointments)
      .innerJoin(calls, and(eq(calls.companyId, appointments.companyId), eq(calls.id, appointments.sourceCallId)))
      .where(and(eq(appointments.companyId, companyId), forCompany(calls, companyId, ...inRange)))
      .groupBy(sql`bucket`),
  ]);

  const callsIn = new Map(callRows.map((r) => [r.bucket, r]));
  const bookingsIn = new Map(bookingRows.map((r) => [r.bucket, r.bookings]));
  return edges.slice(1).map((_, i) => {
    const c = callsIn.get(i + 1);
    return { calls: c?.calls ?? 0, answered: c?.answered ?? 0, answeredMs: c?.answeredMs ?? 0, bookings: bookingsIn.get(i + 1) ?? 0 };
  });
}
