import { gte, lt, sql } from "drizzle-orm";
import { calls } from "@/lib/db/schema/calls";
import { forCompany, type DbExecutor } from "@/lib/db/tenant";
import { addDays } from "@/lib/time/add-days";
import { zonedDayStart } from "@/lib/time/zoned-day-start";
import { answeredCallSql } from "./answered-call";
import { callDayKey, localHour, type CallDayRow } from "./call-day-rows";
import { isBookedCallSql } from "./is-booked-call";

/** Days per statement: a month of hour buckets (≈ 745 edges) in one INTERVAL(). */
const CHUNK_DAYS = 31;
const HOUR_MS = 3_600_000;

/**
 * What call_day_counts should hold for local days `from`…`to` (inclusive, `YYYY-MM-DD` in `timezone`),
 * counted from the raw calls: `dim|day|value` → row, zero rows left out. Calls are bucketed by local
 * hour with MySQL's INTERVAL() over hour edges computed here from each day's midnight (DST days have 23
 * or 25 buckets, the repeated hour counted under its one label), then grouped by the counted columns
 * and expanded into the dimensions exactly as callDayRows does for one call.
 */
export async function countRawCallDays(
  db: DbExecutor,
  companyId: string,
  timezone: string,
  from: string,
  to: string,
): Promise<Map<string, CallDayRow>> {
  const out = new Map<string, CallDayRow>();
  const add = (dim: CallDayRow["dim"], day: string, value: string, n: number, ms: number) => {
    const key = callDayKey({ dim, day, value });
    const r = out.get(key) ?? { dim, day, value, n: 0, ms: 0 };
    r.n += n;
    r.ms += ms;
    out.set(key, r);
  };
  for (let start = from; start <= to; start = addDays(start, CHUNK_DAYS)) {
    const edges: number[] = [];
    const labels: Array<{ day: string; hour: string }> = [];
    let day = start;
    for (let i = 0; i < CHUNK_DAYS && day <= to; i++, day = addDays(day, 1)) {
      const end = zonedDayStart(addDays(day, 1), timezone).getTime();
      for (let t = zonedDayStart(day, timezone).getTime(); t < end; t += HOUR_MS) {
        edges.push(t);
        labels.push({ day, hour: localHour(t, timezone) });
      }
    }
    edges.push(zonedDayStart(day, timezone).getTime());
    const seconds = sql.join(
      edges.map((e) => sql`${Math.floor(e / 1000)}`),
      sql`, `,
    );
    const [rows] = (await db.execute(sql`
      select interval(timestampdiff(second, '1970-01-01 00:00:00', ${calls.startedAt}), ${seconds}) as bucket,
        ${calls.status} as status, ${calls.direction} as direction, coalesce(${calls.sentiment}, '') as sentiment,
        coalesce(${calls.disconnectionReason}, '') as reason, ${answeredCallSql()} as answered, ${isBookedCallSql()} as booked,
        count(*) as n, coalesce(sum(${calls.durationMs}), 0) as ms
      from ${calls}
      where ${forCompany(calls, companyId, gte(calls.startedAt, new Date(edges[0]!)), lt(calls.startedAt, new Date(edges.at(-1)!)))}
      group by 1, 2, 3, 4, 5, 6, 7`)) as unknown as [
      Array<{
        bucket: number | string;
        status: string;
        direction: string;
        sentiment: string;
        reason: string;
        answered: unknown;
        booked: unknown;
        n: unknown;
        ms: unknown;
      }>,
    ];
    for (const r of rows) {
      const label = labels[Number(r.bucket) - 1];
      if (!label) continue;
      const [n, ms] = [Number(r.n), Number(r.ms)];
      add("all", label.day, "", n, ms);
      add("status", label.day, r.status, n, ms);
      add("direction", label.day, r.direction, n, ms);
      add("sentiment", label.day, r.sentiment, n, ms);
      add("reason", label.day, r.reason, n, ms);
      add("hour", label.day, label.hour, n, ms);
      if (Number(r.answered)) add("answered", label.day, "", n, ms);
      if (Number(r.booked)) add("booked", label.day, "", n, 0);
    }
  }
  return out;
}
