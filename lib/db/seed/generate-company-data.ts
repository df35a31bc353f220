import type { Pool } from "mysql2/promise";
import { appointments, calls, customers, emailEvents, invoices, payments, usageCounters } from "../schema";
import type { NewAppointment } from "../schema/appointments";
import { MINUTE, utcDay } from "./anchor";
import { BulkWriter } from "./bulk-insert";
import { callTimes } from "./call-time";
import type { CompanyContext } from "./context";
import { generateAppointment } from "./generate-appointment";
import { generateBilling } from "./generate-billing";
import { generateCall, type CustomerRef } from "./generate-call";
import { generateCustomers } from "./generate-customers";
import { generateEmailEvents } from "./generate-email-events";
import { generateUsage, type DailyCallTotals } from "./generate-usage";
import { Rng } from "./prng";

export type GeneratedCounts = Record<
  "customers" | "calls" | "appointments" | "emailEvents" | "invoices" | "payments" | "usageCounters",
  number
>;

/**
 * Streams one demo company's customers, calls (with the appointments booked on them and the emails
 * those sent), usage and billing into the database. Only customers are held in memory, so memory
 * stays flat however many calls are asked for.
 */
export async function generateCompanyData(
  pool: Pool,
  ctx: CompanyContext,
  sizes: { calls: number; customers: number },
  onProgress?: (calls: number) => void,
): Promise<GeneratedCounts> {
  const w = {
    customers: new BulkWriter(pool, customers),
    calls: new BulkWriter(pool, calls, 1_000),
    appointments: new BulkWriter(pool, appointments),
    emailEvents: new BulkWriter(pool, emailEvents),
  };
  const customerRows = generateCustomers(ctx, sizes.customers);
  for (const row of customerRows) await w.customers.add(row);
  const refs: CustomerRef[] = customerRows.map((c) => ({ id: c.id!, name: c.name, phone: c.phone ?? null, email: c.email ?? null }));

  const rng = Rng.derive(ctx.seed, `calls:${ctx.key}`);
  const totals: DailyCallTotals = new Map();
  const dayTotals = (at: Date) => {
    const day = utcDay(at);
    let t = totals.get(day);
    if (!t) totals.set(day, (t = { inbound: 0, outbound: 0, minutes: 0, emails: 0 }));
    return t;
  };
  const book = async (appointment: NewAppointment, customer: CustomerRef | null) => {
    await w.appointments.add(appointment);
    if (!customer) return;
    for (const e of generateEmailEvents(rng, ctx, customer, appointment)) {
      await w.emailEvents.add(e);
      if (e.eventType === "processed") dayTotals(e.occurredAt).emails++;
    }
  };

  // The two newest calls are still live (one talking, one just registered) when there are enough.
  const live = sizes.calls >= 10 ? (["ongoing", "registered"] as const) : [];
  const starts = callTimes(rng, ctx.anchor, ctx.company.utcOffsetHours, sizes.calls - live.length);
  for (let i = 0; i < sizes.calls; i++) {
    const liveStatus = i >= sizes.calls - live.length ? live[i - (sizes.calls - live.length)]! : null;
    const startedAt = liveStatus ? new Date(ctx.anchor.getTime() - (sizes.calls - i) * 2 * MINUTE) : starts.next().value!;
    const { call, script, customer } = generateCall(rng, ctx, refs, startedAt, liveStatus);
    await w.calls.add(call);
    const t = dayTotals(call.startedAt);
    t[call.direction]++;
    t.minutes += Math.ceil((call.durationMs ?? 0) / 60_000);
    if (script?.booked) await book(generateAppointment(rng, ctx, customer, call.endedAt!, script.booked, call.id!), customer);
    // Some bookings come from the dashboard or Cal.com's own page rather than a call.
    if (refs.length > 0 && rng.chance(0.06)) {
      const who = refs[rng.int(0, refs.length - 1)]!;
      await book(generateAppointment(rng, ctx, who, call.startedAt, null, null), who);
    }
    if (onProgress && (i + 1) % 100_000 === 0) onProgress(i + 1);
  }
  await Promise.all(Object.values(w).map((writer) => writer.close()));

  const usage = new BulkWriter(pool, usageCounters);
  for (const row of generateUsage(ctx, totals)) await usage.add(row);
  const billing = generateBilling(ctx);
  const inv = new BulkWriter(pool, invoices);
  for (const row of billing.invoices) await inv.add(row);
  const pay = new BulkWriter(pool, payments);
  for (const row of billing.payments) await pay.add(row);
  await Promise.all([usage.close(), inv.close(), pay.close()]);

  return {
    customers: w.customers.rows,
    calls: w.calls.rows,
    appointments: w.appointments.rows,
    emailEvents: w.emailEvents.rows,
    invoices: inv.rows,
    payments: pay.rows,
    usageCounters: usage.rows,
  };
}
