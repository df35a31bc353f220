import { eq, gte, isNotNull, lt, sql } from "drizzle-orm";
import { appointments } from "@/lib/db/schema/appointments";
import { forCompany, type DbExecutor } from "@/lib/db/tenant";
import { addDays } from "@/lib/time/add-days";
import { zonedDayStart } from "@/lib/time/zoned-day-start";

const CHUNK_DAYS = 366;

export interface DayRevenue {
  day: string;
  currency: string;
  cents: number;
  n: number;
}

export const revenueKey = (day: string, currency: string) => `${day}|${currency}`;

/**
 * What appointment_day_revenue should hold for local days `from`…`to` (inclusive), from the raw rows:
 * completed appointments with a price, summed per local day of their start (INTERVAL() over the day
 * edges computed here, DST-correct) and currency. `day|currency` → row.
 */
export async function countRawRevenueDays(
  db: DbExecutor,
  companyId: string,
  timezone: string,
  from: string,
  to: string,
): Promise<Map<string, DayRevenue>> {
  const out = new Map<string, DayRevenue>();
  for (let start = from; start <= to; start = addDays(start, CHUNK_DAYS)) {
    const days: string[] = [];
    for (let d = start; d <= to && days.length < CHUNK_DAYS; d = addDays(d, 1)) days.push(d);
    const edges = [...days, addDays(days.at(-1)!, 1)].map((d) => zonedDayStart(d, timezone));
    const seconds = sql.join(
      edges.map((e) => sql`${Math.floor(e.getTime() / 1000)}`),
      sql`, `,
    );
    const [rows] = (await db.execute(sql`
      select interval(timestampdiff(second, '1970-01-01 00:00:00', ${appointments.startAt}), ${seconds}) as bucket,
        ${appointments.currency} as currency, sum(${appointments.priceCents}) as cents, count(*) as n
      from ${appointments}
      where ${forCompany(
        appointments,
        companyId,
        gte(appointments.startAt, edges[0]!),
        lt(appointments.startAt, edges.at(-1)!),
        eq(appointments.status, "completed"),
        isNotNull(appointments.priceCents),
        isNotNull(appointments.currency),
      )}
      group by 1, 2`)) as unknown as [Array<{ bucket: unknown; currency: string; cents: unknown; n: unknown }>];
    for (const r of rows) {
      const day = days[Number(r.bucket) - 1];
      if (day) out.set(revenueKey(day, r.currency), { day, currency: r.currency, cents: Number(r.cents), n: Number(r.n) });
    }
  }
  return out;
}
