import { sql } from "drizzle-orm";
import { appointmentDayCounts } from "@/lib/db/schema/appointment-day-counts";
import type { AppointmentStatus } from "@/lib/db/schema/appointments";
import type { Tx } from "@/lib/db/tenant";
import { zonedDateOf } from "@/lib/time/zoned-date-of";
import { lockCompanyTimezone } from "./lock-company-timezone";

/** What the day counts know of an appointment: when it starts and its status. */
export type CountedAppointment = { startAt: Date; status: AppointmentStatus };

/**
 * Moves one appointment in the per-day counts (appointment_day_counts) from `before` to `after`: null
 * before = created, null after = deleted. Called inside the transaction of the write, after the row
 * changed, and only when it did (an idempotent re-apply changes nothing, so it counts nothing). Same
 * local day and status on both sides is free; otherwise one upsert per side, in key order so two
 * writes touching the same two days never deadlock. The local day is the company's time zone's, read
 * under a shared lock (lockCompanyTimezone) so a time-zone change and its rebuild wait for this write.
 */
export async function adjustAppointmentDayCounts(
  tx: Tx,
  companyId: string,
  before: CountedAppointment | null,
  after: CountedAppointment | null,
): Promise<void> {
  if (before && after && before.status === after.status && before.startAt.getTime() === after.startAt.getTime()) return;
  const timezone = await lockCompanyTimezone(tx, companyId, "share");
  if (!timezone) return;
  const deltas = new Map<string, { day: string; status: AppointmentStatus; n: number }>();
  const add = (a: CountedAppointment | null, n: number) => {
    if (!a) return;
    const day = zonedDateOf(a.startAt, timezone);
    const key = `${day}|${a.status}`;
    const d = deltas.get(key) ?? { day, status: a.status, n: 0 };
    d.n += n;
    deltas.set(key, d);
  };
  add(before, -1);
  add(after, 1);
  const rows = [...deltas.entries()]
    .filter(([, d]) => d.n !== 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, d]) => ({ companyId, ...d }));
  for (const row of rows)
    await tx
      .insert(appointmentDayCounts)
      .values(row)
      .onDuplicateKeyUpdate({ set: { n: sql`${appointmentDayCounts.n} + ${row.n}` } });
}
