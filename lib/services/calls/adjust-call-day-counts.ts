import { sql } from "drizzle-orm";
import { callDayCounts } from "@/lib/db/schema/call-day-counts";
import type { Tx } from "@/lib/db/tenant";
import { lockCompanyTimezone } from "@/lib/services/appointments/lock-company-timezone";
import { callDayKey, callDayRows, type CallDayRow, type CountedCall } from "./call-day-rows";

/**
 * Moves one call in call_day_counts from `before` to `after` (null before = created): called inside the
 * transaction of the write, after the row changed and only when it did, so a redelivered webhook (no
 * change) counts nothing. Rows equal on both sides cancel; the rest are upserted in key order (two
 * writes never deadlock on the same rows). The local day is read under the company's shared lock, so
 * a time-zone change and its rebuild wait for this write (as adjustAppointmentDayCounts does).
 */
export async function adjustCallDayCounts(tx: Tx, companyId: string, before: CountedCall | null, after: CountedCall | null): Promise<void> {
  const timezone = await lockCompanyTimezone(tx, companyId, "share");
  if (!timezone) return;
  const deltas = new Map<string, CallDayRow>();
  const add = (call: CountedCall | null, sign: 1 | -1) => {
    for (const r of call ? callDayRows(call, timezone) : []) {
      const key = callDayKey(r);
      const d = deltas.get(key) ?? { ...r, n: 0, ms: 0 };
      d.n += sign * r.n;
      d.ms += sign * r.ms;
      deltas.set(key, d);
    }
  };
  add(before, -1);
  add(after, 1);
  const rows = [...deltas.entries()]
    .filter(([, d]) => d.n !== 0 || d.ms !== 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, d]) => ({ companyId, ...d }));
  for (const row of rows)
    await tx
      .insert(callDayCounts)
      .values(row)
      .onDuplicateKeyUpdate({ set: { n: sql`${callDayCounts.n} + ${row.n}`, ms: sql`${callDayCounts.ms} + ${row.ms}` } });
}
