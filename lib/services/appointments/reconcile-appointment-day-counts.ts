import { and, eq, gte, lte, max, min, sql } from "drizzle-orm";
import { appointmentDayCounts } from "@/lib/db/schema/appointment-day-counts";
import { appointmentDayRevenue } from "@/lib/db/schema/appointment-day-revenue";
import { appointments, type AppointmentStatus } from "@/lib/db/schema/appointments";
import { forCompany, type Tx } from "@/lib/db/tenant";
import { writeTransaction } from "@/lib/db/write-transaction";
import { zonedDateOf } from "@/lib/time/zoned-date-of";
import { countRawAppointmentDays, dayCountKey } from "./count-raw-appointment-days";
import { countRawRevenueDays, revenueKey, type DayRevenue } from "./count-raw-revenue-days";
import { lockCompanyTimezone } from "./lock-company-timezone";

export interface DayCountsReconciled {
  /** `day|status` rows whose stored count differed from the raw rows (and now equals them). */
  fixed: number;
  /** The local days compared (null: the company has no appointments and no counts). */
  from: string | null;
  to: string | null;
}

const BATCH = 500;

/**
 * Makes a company's appointment_day_counts (and appointment_day_revenue) equal the raw appointments for local days `from`…`to`
 * (`YYYY-MM-DD`, inclusive), or for every day (no range: from the first booking to the last, and any
 * stored day outside them is removed) — one transaction holding the company row exclusively, so no
 * write adjusts the counts meanwhile (they take it shared) and the raw rows are read as of one moment.
 * Differences are fixed (upsert, or delete where the raw count is zero) and counted. Used by the
 * reconcile job (recent days) and by rebuildAppointmentDayCounts (all days). Given `within`, it runs
 * in that transaction (the one that changed the time zone), else in its own.
 */
export async function reconcileAppointmentDayCounts(
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
        .select({ first: min(appointments.startAt), last: max(appointments.startAt) })
        .from(appointments)
        .where(forCompany(appointments, companyId));
      from = span?.first ? zonedDateOf(span.first, timezone) : null;
      to = span?.last ? zonedDateOf(span.last, timezone) : null;
    }
    const raw = from && to ? await countRawAppointmentDays(tx, companyId, timezone, from, to) : new Map<string, number>();
    const stored = await tx
      .select({ day: appointmentDayCounts.day, status: appointmentDayCounts.status, n: appointmentDayCounts.n })
      .from(appointmentDayCounts)
      .where(
        and(
          eq(appointmentDayCounts.companyId, companyId),
          range ? gte(appointmentDayCounts.day, range.from) : undefined,
          range ? lte(appointmentDayCounts.day, range.to) : undefined,
        ),
      );

    const upserts: Array<{ companyId: string; day: string; status: AppointmentStatus; n: number }> = [];
    const deletes: Array<{ day: string; status: AppointmentStatus }> = [];
    const seen = new Set<string>();
    for (const row of stored) {
      const key = dayCountKey(row.day, row.status);
      seen.add(key);
      const want = raw.get(key) ?? 0;
      if (want === row.n) continue;
      if (want === 0) deletes.push({ day: row.day, status: row.status });
      else upserts.push({ companyId, day: row.day, status: row.status, n: want });
    }
    for (const [key, n] of raw) {
      if (seen.has(key)) continue;
      const [day, status] = key.split("|") as [string, AppointmentStatus];
      upserts.push({ companyId, day, status, n });
    }
    for (let i = 0; i < upserts.length; i += BATCH)
      await tx
        .insert(appointmentDayCounts)
        .values(upserts.slice(i, i + BATCH))
        .onDuplicateKeyUpdate({ set: { n: sql`values(${appointmentDayCounts.n})` } });
    for (let i = 0; i < deletes.length; i += BATCH) {
      const keys = sql.join(
        deletes.slice(i, i + BATCH).map((d) => sql`(${d.day}, ${d.status})`),
        sql`, `,
      );
      await tx
        .delete(appointmentDayCounts)
        .where(
          and(
            eq(appointmentDayCounts.companyId, companyId),
            sql`(${appointmentDayCounts.day}, ${appointmentDayCounts.status}) in (${keys})`,
          ),
        );
    }
    const revenueFixed = await reconcileRevenue(tx, companyId, timezone, from, to, range);
    return { fixed: upserts.length + deletes.length + revenueFixed, from, to };
  };
  return within ? run(within) : writeTransaction(run);
}

/** The same for appointment_day_revenue, in the same transaction and over the same days. */
async function reconcileRevenue(
  tx: Tx,
  companyId: string,
  timezone: string,
  from: string | null,
  to: string | null,
  range?: { from: string; to: string },
): Promise<number> {
  const raw = from && to ? await countRawRevenueDays(tx, companyId, timezone, from, to) : new Map<string, DayRevenue>();
  const stored = await tx
    .select()
    .from(appointmentDayRevenue)
    .where(
      and(
        eq(appointmentDayRevenue.companyId, companyId),
        range ? gte(appointmentDayRevenue.day, range.from) : undefined,
        range ? lte(appointmentDayRevenue.day, range.to) : undefined,
      ),
    );
  const upserts: Array<DayRevenue & { companyId: string }> = [];
  const deletes: string[] = [];
  for (const row of stored) {
    const want = raw.get(revenueKey(row.day, row.currency));
    raw.delete(revenueKey(row.day, row.currency));
    if (want && want.n === row.n && want.cents === Number(row.cents)) continue;
    if (want) upserts.push({ companyId, ...want });
    else deletes.push(revenueKey(row.day, row.currency));
  }
  for (const want of raw.values()) upserts.push({ companyId, ...want });
  if (upserts.length > 0)
    await tx
      .insert(appointmentDayRevenue)
      .values(upserts)
      .onDuplicateKeyUpdate({ set: { n: sql`values(${appointmentDayRevenue.n})`, cents: sql`values(${appointmentDayRevenue.cents})` } });
  for (const key of deletes) {
    const [day, currency] = key.split("|") as [string, string];
    await tx
      .delete(appointmentDayRevenue)
      .where(
        and(
          eq(appointmentDayRevenue.companyId, companyId),
          eq(appointmentDayRevenue.day, day),
          eq(appointmentDayRevenue.currency, currency),
        ),
      );
  }
  return upserts.length + deletes.length;
}
