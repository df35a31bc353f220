import { sql } from "drizzle-orm";
import { appointmentDayCounts } from "@/lib/db/schema/appointment-day-counts";
import { appointmentDayRevenue } from "@/lib/db/schema/appointment-day-revenue";
import type { AppointmentStatus } from "@/lib/db/schema/appointments";
import type { Tx } from "@/lib/db/tenant";
import { zonedDateOf } from "@/lib/time/zoned-date-of";
import { lockCompanyTimezone } from "./lock-company-timezone";

/** What the day counts know of an appointment: when it starts, its status and its price. */
export type CountedAppointment = { startAt: Date; status: AppointmentStatus; priceCents?: number | null; currency?: string | null };

/** Revenue is the price of a completed appointment that has one. */
export const earnsRevenue = (a: CountedAppointment): a is CountedAppointment & { priceCents: number; currency: string } =>
  a.status === "completed" && a.priceCents != null && a.currency != null;

/**
 * Moves one appointment in the per-day counts (appointment_day_counts) and, when completed with a
 * price, the day's revenue (appointment_day_revenue) from `before` to `after`: null before = created,
 * null after = deleted. Called inside the transaction of the write, after the row changed, and only
 * when it did (an idempotent re-apply changes nothing, so it counts nothing). Same local day, status
 * and price on both sides is free; otherwise one upsert per changed key, in key order so two writes
 * touching the same two days never deadlock. The local day is the company's time zone's, read under a
 * shared lock (lockCompanyTimezone) so a time-zone change and its rebuild wait for this write.
 */
export async function adjustAppointmentDayCounts(
  tx: Tx,
  companyId: string,
  before: CountedAppointment | null,
  after: CountedAppointment | null,
): Promise<void> {
  if (
    before &&
    after &&
    before.status === after.status &&
    before.startAt.getTime() === after.startAt.getTime() &&
    (before.priceCents ?? null) === (after.priceCents ?? null) &&
    (before.currency ?? null) === (after.currency ?? null)
  )
    return;
  const timezone = await lockCompanyTimezone(tx, companyId, "share");
  if (!timezone) return;
  const counts = new Map<string, { day: string; status: AppointmentStatus; n: number }>();
  const revenue = new Map<string, { day: string; currency: string; cents: number; n: number }>();
  const add = (a: CountedAppointment | null, sign: number) => {
    if (!a) return;
    const day = zonedDateOf(a.startAt, timezone);
    const key = `${day}|${a.status}`;
    const d = counts.get(key) ?? { day, status: a.status, n: 0 };
    d.n += sign;
    counts.set(key, d);
    if (!earnsRevenue(a)) return;
    const rkey = `${day}|${a.currency}`;
    const r = revenue.get(rkey) ?? { day, currency: a.currency, cents: 0, n: 0 };
    r.cents += sign * a.priceCents;
    r.n += sign;
    revenue.set(rkey, r);
  };
  add(before, -1);
  add(after, 1);
  const changed = <T extends { n: number }>(m: Map<string, T>, keep: (v: T) => boolean) =>
    [...m.entries()]
      .filter(([, v]) => keep(v))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([, v]) => ({ companyId, ...v }));
  for (const row of changed(counts, (d) => d.n !== 0))
    await tx
      .insert(appointmentDayCounts)
      .values(row)
      .onDuplicateKeyUpdate({ set: { n: sql`${appointmentDayCounts.n} + ${row.n}` } });
  for (const row of changed(revenue, (r) => r.n !== 0 || r.cents !== 0))
    await tx
      .insert(appointmentDayRevenue)
      .values(row)
      .onDuplicateKeyUpdate({
        set: { n: sql`${appointmentDayRevenue.n} + ${row.n}`, cents: sql`${appointmentDayRevenue.cents} + ${row.cents}` },
      });
}
