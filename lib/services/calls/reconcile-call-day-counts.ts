import { and, eq, gte, lte, max, min, sql } from "drizzle-orm";
import { callDayCounts, type CallDayDim } from "@/lib/db/schema/call-day-counts";
import { calls } from "@/lib/db/schema/calls";
import { forCompany, type Tx } from "@/lib/db/tenant";
import { writeTransaction } from "@/lib/db/write-transaction";
import { lockCompanyTimezone } from "@/lib/services/appointments/lock-company-timezone";
import type { DayCountsReconciled } from "@/lib/services/appointments/reconcile-appointment-day-counts";
import { zonedDateOf } from "@/lib/time/zoned-date-of";
import { callDayKey, type CallDayRow } from "./call-day-rows";
import { countRawCallDays } from "./count-raw-call-days";

const BATCH = 500;

/**
 * Makes a company's call_day_counts equal the raw calls for local days `from`…`to` (inclusive), or for
 * every day (no range: first call to last, any stored day outside removed) — in one transaction holding
 * the company row exclusively, so no write adjusts the counts meanwhile (they take it shared). Rows that
 * differ are fixed (upsert, or delete where the raw count is zero) and counted. The reconcile job passes
 * recent days, rebuildCallDayCounts none; `within` runs it in the caller's transaction (a time-zone change).
 */
export async function reconcileCallDayCounts(
  companyId: string,
  range?: { from: string; to: string },
  within?: Tx,
): Promise<DayCountsReconciled> {
  const run = async (tx: Tx): Promise<DayCountsReconciled> => {
    const timezone = await lockCompanyTimezone(tx, companyId, "update");
    if (!timezone) return { fixed: 0, from: null, to: null };
    let from = range?.from ?? null;
    let to = range?.to ?? null;
    if (!range) {
      const [span] = await tx
        .select({ first: min(calls.startedAt), last: max(calls.startedAt) })
        .from(calls)
        .where(forCompany(calls, companyId));
      from = span?.first ? zonedDateOf(span.first, timezone) : null;
      to = span?.last ? zonedDateOf(span.last, timezone) : null;
    }
    const raw = from && to ? await countRawCallDays(tx, companyId, timezone, from, to) : new Map<string, CallDayRow>();
    const stored = await tx
      .select({ dim: callDayCounts.dim, day: callDayCounts.day, value: callDayCounts.value, n: callDayCounts.n, ms: callDayCounts.ms })
      .from(callDayCounts)
      .where(
        and(
          eq(callDayCounts.companyId, companyId),
          range ? gte(callDayCounts.day, range.from) : undefined,
          range ? lte(callDayCounts.day, range.to) : undefined,
        ),
      );

    const upserts: Array<CallDayRow & { companyId: string }> = [];
    const deletes: Array<{ dim: CallDayDim; day: string; value: string }> = [];
    const seen = new Set<string>();
    for (const row of stored) {
      const key = callDayKey(row);
      seen.add(key);
      const want = raw.get(key);
      if (want && want.n === row.n && want.ms === Number(row.ms)) continue;
      if (!want) deletes.push(row);
      else upserts.push({ companyId, ...want });
    }
    for (const [key, want] of raw) if (!seen.has(key)) upserts.push({ companyId, ...want });
    for (let i = 0; i < upserts.length; i += BATCH)
      await tx
        .insert(callDayCounts)
        .values(upserts.slice(i, i + BATCH))
        .onDuplicateKeyUpdate({ set: { n: sql`values(${callDayCounts.n})`, ms: sql`values(${callDayCounts.ms})` } });
    for (let i = 0; i < deletes.length; i += BATCH) {
      const keys = sql.join(
        deletes.slice(i, i + BATCH).map((d) => sql`(${d.dim}, ${d.day}, ${d.value})`),
        sql`, `,
      );
      await tx
        .delete(callDayCounts)
        .where(
          and(
            eq(callDayCounts.companyId, companyId),
            sql`(${callDayCounts.dim}, ${callDayCounts.day}, ${callDayCounts.value}) in (${keys})`,
          ),
        );
    }
    return { fixed: upserts.length + deletes.length, from, to };
  };
  return within ? run(within) : writeTransaction(run);
}
