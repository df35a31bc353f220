import { and, eq } from "drizzle-orm";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as CANCEL } from "@/app/api/v1/appointments/[id]/cancel/route";
import { POST as RESCHEDULE } from "@/app/api/v1/appointments/[id]/reschedule/route";
import { PATCH } from "@/app/api/v1/appointments/[id]/route";
import { POST as BOOK } from "@/app/api/v1/appointments/route";
import { GET as SUMMARY } from "@/app/api/v1/appointments/summary/route";
import { getDb } from "@/lib/db/client";
import { appointmentDayCounts } from "@/lib/db/schema/appointment-day-counts";
import { appointments } from "@/lib/db/schema/appointments";
import { companies } from "@/lib/db/schema/companies";
import { writeTransaction } from "@/lib/db/write-transaction";
import { appointmentDayCountsReconcile } from "@/lib/jobs/handlers/appointment-day-counts-reconcile";
import { metricsKeys } from "@/lib/metrics/keys";
import { processMetrics } from "@/lib/metrics/prometheus-registry";
import { getRedis } from "@/lib/redis/client";
import { applyBooking } from "@/lib/services/appointments/apply-booking";
import type { BookingFacts } from "@/lib/services/appointments/booking-facts";
import { reconcileAppointmentDayCounts } from "@/lib/services/appointments/reconcile-appointment-day-counts";
import { rebuildAppointmentDayCounts } from "@/lib/services/appointments/rebuild-appointment-day-counts";
import type { AppointmentView, CalendarDay } from "@/lib/services/appointments/schemas";
import { addDays } from "@/lib/time/add-days";
import { zonedDateOf } from "@/lib/time/zoned-date-of";
import { fakeSendWebhook } from "../helpers/fakes-control";
import { personCaller, routeParams, signedRequest, type TestCaller } from "../helpers/signed-request";
import { startWebhookHarness, waitForWebhook, type WebhookHarness } from "../helpers/webhook-harness";
import { seedCustomer, seedWebhookTenant } from "../helpers/webhook-tenants";

/**
 * appointment_day_counts against the raw rows: after every kind of write (API and webhook, redelivered
 * too), after a time-zone change and its rebuild, and the reconcile job repairing a tampered row.
 * The expected counts are computed here from the appointments themselves (their start in the
 * company's zone), not through the services under test.
 */
type Body<T> = { data: T; error?: { code: string; message: string } };

let h: WebhookHarness;
let seq = 0;
beforeAll(async () => {
  h = await startWebhookHarness();
});
afterAll(async () => {
  await h.close();
});

/** A weekday slot days ahead that no other test of this file uses (13:00–18:00 UTC). */
function slot(): string {
  const n = seq++;
  const d = new Date(Date.now() + (3 + n) * 86_400_000);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  d.setUTCHours(13 + (n % 6), 0, 0, 0);
  return d.toISOString();
}

/** A slot on another day than `than` (two slots of the sequence can share a Monday). */
function slotAfter(than: string): string {
  for (;;) {
    const s = slot();
    if (s.slice(0, 10) !== than.slice(0, 10)) return s;
  }
}

async function call<T>(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- route exports differ only in their params type
  handler: (req: Request, seg?: { params?: Promise<any> }) => Promise<Response>,
  path: string,
  opts: { method?: string; caller: TestCaller; body?: unknown; id?: string },
) {
  const req = await signedRequest(path, { method: opts.method ?? "GET", caller: opts.caller, body: opts.body });
  const res = await handler(req, opts.id ? routeParams({ id: opts.id }) : undefined);
  return { res, body: (await res.json()) as Body<T> };
}
const book = (caller: TestCaller, body: Record<string, unknown>) =>
  call<AppointmentView>(BOOK, "/api/v1/appointments", { method: "POST", caller, body });
const patch = (caller: TestCaller, id: string, status: string) =>
  call<AppointmentView>(PATCH, `/api/v1/appointments/${id}`, { method: "PATCH", caller, id, body: { status } });
const reschedule = (caller: TestCaller, id: string, start: string) =>
  call<AppointmentView>(RESCHEDULE, `/api/v1/appointments/${id}/reschedule`, { method: "POST", caller, id, body: { start } });
const cancel = (caller: TestCaller, id: string, reason: string) =>
  call<AppointmentView>(CANCEL, `/api/v1/appointments/${id}/cancel`, { method: "POST", caller, id, body: { reason } });

async function tenant(timezone = "UTC") {
  const t = await seedWebhookTenant();
  if (timezone !== "UTC") await getDb().update(companies).set({ timezone }).where(eq(companies.id, t.companyId));
  const customerId = await seedCustomer(t.companyId, { name: "Ana Lima", email: `ana.${t.companyId.slice(-8).toLowerCase()}@example.com` });
  return { t, customerId, member: personCaller({ userId: t.userId, companyId: t.companyId, role: "member" }) };
}

/** `day|status` → n as stored (zero rows left out). */
async function stored(companyId: string): Promise<Record<string, number>> {
  const rows = await getDb().select().from(appointmentDayCounts).where(eq(appointmentDayCounts.companyId, companyId));
  return Object.fromEntries(rows.filter((r) => r.n !== 0).map((r) => [`${r.day}|${r.status}`, r.n]));
}

/** `day|status` → n counted from the raw appointments in the company's zone. */
async function raw(companyId: string): Promise<Record<string, number>> {
  const [company] = await getDb().select({ timezone: companies.timezone }).from(companies).where(eq(companies.id, companyId));
  const rows = await getDb().select().from(appointments).where(eq(appointments.companyId, companyId));
  const out: Record<string, number> = {};
  for (const r of rows) {
    const key = `${zonedDateOf(r.startAt, company!.timezone)}|${r.status}`;
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

async function expectCountsMatchRaw(companyId: string) {
  const want = await raw(companyId);
  expect(Object.keys(want).length).toBeGreaterThan(0);
  expect(await stored(companyId)).toEqual(want);
}

async function deliver(companyId: string, event: string, bookingUid: string) {
  const { deliveries } = await fakeSendWebhook(h.fake.calcom, {
    target: h.target("calcom", { company: companyId }),
    event,
    bookingUid,
    createdAt: new Date(Date.now() + seq++).toISOString(),
  });
  await waitForWebhook((JSON.parse(deliveries[0]!.body) as { data: { id: string } }).data.id);
}

const uidOf = async (id: string) =>
  (await getDb().select({ uid: appointments.calBookingUid }).from(appointments).where(eq(appointments.id, id)))[0]!.uid!;

function facts(uid: string, startAt: string, status: BookingFacts["status"]): BookingFacts {
  const start = new Date(startAt);
  return {
    uid,
    status,
    title: "Check-up",
    startAt: start,
    endAt: new Date(start.getTime() + 30 * 60_000),
    timezone: "UTC",
    location: null,
    attendee: { name: "Pat Doe", email: `pat.${uid}@example.com` },
    metadata: {},
    cancelReason: null,
    at: new Date(),
  };
}

describe("appointment_day_counts follow every write", () => {
  it("an API booking counts once, and the same booking's webhook delivered twice counts nothing more", async () => {
    const { t, customerId, member } = await tenant();
    const start = slot();
    const booked = await book(member, { customerId, start });
    expect(booked.res.status, JSON.stringify(booked.body.error)).toBe(201);
    const uid = await uidOf(booked.body.data.id);
    await deliver(t.companyId, "BOOKING_CREATED", uid);
    await deliver(t.companyId, "BOOKING_CREATED", uid);
    expect(await stored(t.companyId)).toEqual({ [`${start.slice(0, 10)}|confirmed`]: 1 });
    await expectCountsMatchRaw(t.companyId);
  });

  it("a reschedule moves one booking to the new day and counts the old one cancelled; a cancel, redelivered, counts once", async () => {
    const { t, customerId, member } = await tenant();
    const start = slot();
    const newStart = slotAfter(start);
    const booked = (await book(member, { customerId, start })).body.data;
    const moved = await reschedule(member, booked.id, newStart);
    expect(moved.res.status, JSON.stringify(moved.body.error)).toBe(200);
    expect(await stored(t.companyId)).toEqual({ [`${start.slice(0, 10)}|cancelled`]: 1, [`${newStart.slice(0, 10)}|confirmed`]: 1 });
    await expectCountsMatchRaw(t.companyId);

    const cancelled = await cancel(member, moved.body.data.id, "Feeling better");
    expect(cancelled.res.status, JSON.stringify(cancelled.body.error)).toBe(200);
    await deliver(t.companyId, "BOOKING_CANCELLED", await uidOf(moved.body.data.id));
    await deliver(t.companyId, "BOOKING_CANCELLED", await uidOf(moved.body.data.id));
    expect(await stored(t.companyId)).toEqual({ [`${start.slice(0, 10)}|cancelled`]: 1, [`${newStart.slice(0, 10)}|cancelled`]: 1 });
    await expectCountsMatchRaw(t.companyId);
  });

  it("status moves (scheduled → confirmed → completed, confirmed → no_show) move the count between statuses", async () => {
    const { t, customerId, member } = await tenant();
    const start = slot();
    // A booking awaiting confirmation (scheduled), written by the applier the webhooks and the API share.
    const pending = await writeTransaction((tx) =>
      applyBooking(tx, t.companyId, facts(`uid_dc_${t.companyId.slice(-10)}`, start, "scheduled")),
    );
    const other = (await book(member, { customerId, start: slot() })).body.data;
    await expectCountsMatchRaw(t.companyId);

    for (const status of ["confirmed", "completed"]) {
      const r = await patch(member, pending!.appointment.id, status);
      expect(r.res.status, JSON.stringify(r.body.error)).toBe(200);
      await expectCountsMatchRaw(t.companyId);
    }
    expect((await patch(member, pending!.appointment.id, "completed")).res.status).toBe(200); // unchanged: counts nothing
    expect((await patch(member, other.id, "no_show")).res.status).toBe(200);
    expect((await patch(member, other.id, "confirmed")).res.status).toBe(409); // refused: counts nothing
    const s = await stored(t.companyId);
    expect(s[`${start.slice(0, 10)}|completed`]).toBe(1);
    expect(s[`${start.slice(0, 10)}|scheduled`]).toBeUndefined();
    expect(s[`${start.slice(0, 10)}|confirmed`]).toBeUndefined();
    expect(Object.values(s).reduce((a, b) => a + b, 0)).toBe(2);
    await expectCountsMatchRaw(t.companyId);
  });

  it("a booking late in the evening counts on its local day in a non-UTC zone, and the month summary reads it from there", async () => {
    const { t, member } = await tenant("America/Los_Angeles");
    // 2027-03-10 07:30 UTC is 23:30 on 2027-03-09 in Los Angeles (PST, UTC−8).
    const uid = `uid_la_${t.companyId.slice(-10)}`;
    await writeTransaction((tx) => applyBooking(tx, t.companyId, facts(uid, "2027-03-10T07:30:00Z", "confirmed")));
    await writeTransaction((tx) => applyBooking(tx, t.companyId, facts(uid, "2027-03-10T07:30:00Z", "confirmed"))); // redelivered
    expect(await stored(t.companyId)).toEqual({ "2027-03-09|confirmed": 1 });
    await expectCountsMatchRaw(t.companyId);

    const res = await SUMMARY(await signedRequest("/api/v1/appointments/summary?from=2027-03-09&to=2027-03-10", { caller: member }));
    const days = ((await res.json()) as Body<CalendarDay[]>).data;
    expect(days.map((d) => [d.date, d.total, d.first.length])).toEqual([
      ["2027-03-09", 1, 1],
      ["2027-03-10", 0, 0],
    ]);
    const filtered = await SUMMARY(
      await signedRequest("/api/v1/appointments/summary?from=2027-03-09&to=2027-03-09&status=cancelled", { caller: member }),
    );
    expect(((await filtered.json()) as Body<CalendarDay[]>).data[0]).toMatchObject({ total: 0, first: [] });
  });

  it("after a time-zone change the rebuild moves every booking to its new local day", async () => {
    const { t } = await tenant("America/Los_Angeles");
    const base = `uid_tz_${t.companyId.slice(-10)}`;
    await writeTransaction(async (tx) => {
      await applyBooking(tx, t.companyId, facts(`${base}_a`, "2027-03-10T07:30:00Z", "confirmed")); // LA 03-09 · Auckland 03-10
      await applyBooking(tx, t.companyId, facts(`${base}_b`, "2027-03-10T12:00:00Z", "cancelled")); // LA 03-10 · Auckland 03-11
    });
    expect(await stored(t.companyId)).toEqual({ "2027-03-09|confirmed": 1, "2027-03-10|cancelled": 1 });

    await getDb().update(companies).set({ timezone: "Pacific/Auckland" }).where(eq(companies.id, t.companyId));
    const rebuilt = await rebuildAppointmentDayCounts(t.companyId);
    expect(rebuilt).toEqual({ fixed: 4, from: "2027-03-10", to: "2027-03-11" }); // two rows removed, two written
    expect(await stored(t.companyId)).toEqual({ "2027-03-10|confirmed": 1, "2027-03-11|cancelled": 1 });
    await expectCountsMatchRaw(t.companyId);
    expect((await rebuildAppointmentDayCounts(t.companyId)).fixed).toBe(0);
  });
});

describe("the appointment-day-counts-reconcile job", () => {
  it("finds a tampered, a missing and a stray row in recent days, fixes them and counts them in metrics", async () => {
    const { t, customerId, member } = await tenant();
    const a = slot();
    const b = slotAfter(a);
    expect((await book(member, { customerId, start: a })).res.status).toBe(201);
    expect((await book(member, { customerId, start: b })).res.status).toBe(201);
    await expectCountsMatchRaw(t.companyId);
    const dayA = a.slice(0, 10);
    const dayB = b.slice(0, 10);
    const stray = addDays(dayA, 1) === dayB ? addDays(dayB, 1) : addDays(dayA, 1);

    await getDb()
      .update(appointmentDayCounts)
      .set({ n: 7 })
      .where(and(eq(appointmentDayCounts.companyId, t.companyId), eq(appointmentDayCounts.day, dayA)));
    await getDb()
      .delete(appointmentDayCounts)
      .where(and(eq(appointmentDayCounts.companyId, t.companyId), eq(appointmentDayCounts.day, dayB)));
    await getDb().insert(appointmentDayCounts).values({ companyId: t.companyId, day: stray, status: "no_show", n: 2 });

    const counter = async () =>
      (await processMetrics().rollupRepairs.get()).values.find((v) => v.labels.rollup === "appointment_day_counts")?.value ?? 0;
    const totals = async () => Number((await getRedis().hget(metricsKeys.totals(), "rollup|appointment_day_counts")) ?? 0);
    const [counterBefore, totalsBefore] = [await counter(), await totals()];

    const ctx = {
      jobId: "t",
      queue: "rollups" as const,
      attempt: 1,
      maxAttempts: 1,
      signal: new AbortController().signal,
      log: pino({ level: "silent" }),
    };
    // The job also reconciles call_day_counts; these are the appointment rollups' own repairs.
    const result = ((await appointmentDayCountsReconcile({}, ctx)) as { appointments: { checked: number; fixed: number } }).appointments;
    // Every company of the test database is checked; ours contributed three of the repairs.
    expect(result.checked).toBeGreaterThan(0);
    expect(result.fixed).toBeGreaterThanOrEqual(3);
    await expectCountsMatchRaw(t.companyId);
    expect(await counter()).toBe(counterBefore + result.fixed);
    expect(await totals()).toBe(totalsBefore + result.fixed);

    // Nothing left to fix for this company (other test files may be writing raw rows of their own meanwhile).
    expect(await reconcileAppointmentDayCounts(t.companyId, { from: addDays(dayA, -1), to: addDays(stray, 1) })).toMatchObject({
      fixed: 0,
    });
  });
});
