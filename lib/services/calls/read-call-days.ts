import { and, eq, gte, inArray, lte, ne } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { callDayCounts, type CallDayDim } from "@/lib/db/schema/call-day-counts";
import { zonedDateOf } from "@/lib/time/zoned-date-of";
import type { CallDayRow } from "./call-day-rows";
import { countRawCallDays } from "./count-raw-call-days";

/**
 * A company's call counts for local days `from`…`to` (inclusive) in the dimensions asked for: whole
 * days from call_day_counts (one primary-key range per dimension), the company's today counted from
 * the raw calls (a day's slice of the calls index), so the answer never waits for a rollup to catch
 * up with the calls still ringing. Zero rows left out.
 */
export async function readCallDays(
  companyId: string,
  timezone: string,
  from: string,
  to: string,
  dims: readonly CallDayDim[],
  now: Date = new Date(),
): Promise<CallDayRow[]> {
  const today = zonedDateOf(now, timezone);
  const stored = await getDb()
    .select({ dim: callDayCounts.dim, day: callDayCounts.day, value: callDayCounts.value, n: callDayCounts.n, ms: callDayCounts.ms })
    .from(callDayCounts)
    .where(
      and(
        eq(callDayCounts.companyId, companyId),
        inArray(callDayCounts.dim, [...dims]),
        gte(callDayCounts.day, from),
        lte(callDayCounts.day, to),
        ne(callDayCounts.day, today),
        ne(callDayCounts.n, 0),
      ),
    );
  const rows: CallDayRow[] = stored.map((r) => ({ ...r, ms: Number(r.ms) }));
  if (from <= today && today <= to)
    for (const r of (await countRawCallDays(getDb(), companyId, timezone, today, today)).values()) if (dims.includes(r.dim)) rows.push(r);
  return rows;
}
