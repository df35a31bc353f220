import { and, eq, min, sql } from "drizzle-orm";
import pino from "pino";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { appointmentDayRevenue } from "@/lib/db/schema/appointment-day-revenue";
import { appointments } from "@/lib/db/schema/appointments";
import { callDayCounts } from "@/lib/db/schema/call-day-counts";
import { calls, type CallDirection, type CallStatus, type Sentiment } from "@/lib/db/schema/calls";
import { companies } from "@/lib/db/schema/companies";
import { writeTransaction } from "@/lib/db/write-transaction";
import { appointmentDayCountsReconcile } from "@/lib/jobs/handlers/appointment-day-counts-reconcile";
import { processMetrics } from "@/lib/metrics/prometheus-registry";
import { Rng } from "@/lib/db/seed/prng";
import { applyBooking } from "@/lib/services/appointments/apply-booking";
import type { BookingFacts } from "@/lib/services/appointments/booking-facts";
import { readAppointmentDays } from "@/lib/services/appointments/read-appointment-days";
import { isAnsweredCall } from "@/lib/services/calls/answered-call";
import { applyRetellCall } from "@/lib/services/calls/apply-retell-call";
import { readCallDays } from "@/lib/services/calls/read-call-days";
import type { RetellCallFacts } from "@/lib/services/calls/retell-call-facts";
import { aggregateCallBuckets } from "@/lib/services/dashboard/aggregate-call-buckets";
import { updateCompanySettings } from "@/lib/services/settings/update-company-settings";
import { addDays, daysBetween } from "@/lib/time/add-days";
import { zonedDateOf, zonedFields } from "@/lib/time/zoned-date-of";
import { zonedDayStart } from "@/lib/time/zoned-day-start";
import { seedWebhookTenant } from "../helpers/webhook-tenants";

/**
 * call_day_counts and appointment_day_revenue against the raw rows, property-style: a seeded RNG
 * writes calls through the Retell applier (events out of order, redelivered, starts that move across
 * midnight) and bookings through the Cal.com applier (some priced, some completed, two for one call),
 * around both 2026 US DST changes and the last days before now. The expected numbers are computed
 * here from the calls and appointments rows themselves, not through the rollup code.
 */
const SEED = 20261207;
const REASONS = ["user_hangup", "agent_hangup", "voicemail_reached", "dial_no_answer", "inactivity", null] as const;
const SENTIMENT_VALUES: Sentiment[] = ["positive", "neutral", "negative", "unknown"];
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Cell = { n: number; ms: number };
const bump = (m: Map<string, Cell>, key: string, ms: number) => {
  const c = m.get(key) ?? { n: 0, ms: 0 };
  c.n += 1;
  c.ms += ms;
  m.set(key, c);
};

/** `dim|day|value` → {n, ms} from the raw rows in `timezone`. */
async function expectedCallDays(companyId: string, timezone: string): Promise<Map<string, Cell>> {
  const rows = await getDb().select().from(calls).where(eq(calls.companyId, companyId));
  const bookedIds = new Set(
    (await getDb().select({ id: appointments.sourceCallId }).from(appointments).where(eq(appointments.companyId, companyId))).map(
      (r) => r.id,
    ),
  );
  const out = new Map<string, Cell>();
  for (const c of rows) {
    const day = zonedDateOf(c.startedAt, timezone);
    const ms = c.durationMs ?? 0;
    bump(out, `all|${day}|`, ms);
    bump(out, `status|${day}|${c.status}`, ms);
    bump(out, `direction|${day}|${c.direction}`, ms);
    bump(out, `sentiment|${day}|${c.sentiment ?? ""}`, ms);
    bump(out, `reason|${day}|${c.disconnectionReason ?? ""}`, ms);
    bump(out, `hour|${day}|${String(zonedFields(c.startedAt, timezone).hour).padStart(2, "0")}`, ms);
    if (isAnsweredCall(c)) bump(out, `answered|${day}|`, ms);
    if (bookedIds.has(c.id)) bump(out, `booked|${day}|`, 0);
  }
  return out;
}

async function storedCallDays(companyId: string): Promise<Map<string, Cell>> {
  const rows = await getDb().select().from(callDayCounts).where(eq(callDayCounts.companyId, companyId));
  return new Map(
    rows.filter((r) => r.n !== 0 || Number(r.ms) !== 0).map((r) => [`${r.dim}|${r.day}|${r.value}`, { n: r.n, ms: Number(r.ms) }]),
  );
}

/** `day|currency` → cents from the completed, priced appointments. */
async function expectedRevenue(companyId: string, timezone: string): Promise<Map<string, number>> {
  const rows = await getDb().select().from(appointments).where(eq(appointments.companyId, companyId));
  const out = new Map<string, number>();
  for (const a of rows) {
    if (a.status !== "completed" || a.priceCents === null || a.currency === null) continue;
    const key = `${zonedDateOf(a.startAt, timezone)}|${a.currency}`;
    out.set(key, (out.get(key) ?? 0) + a.priceCents);
  }
  return out;
}

async function storedRevenue(companyId: string): Promise<Map<string, number>> {
  const rows = await getDb().select().from(appointmentDayRevenue).where(eq(appointmentDayRevenue.companyId, companyId));
  return new Map(rows.filter((r) => r.n !== 0).map((r) => [`${r.day}|${r.currency}`, Number(r.cents)]));
}

const sorted = <V>(m: Map<string, V>) => Object.fromEntries([...m.entries()].sort(([a], [b]) => a.localeCompare(b)));

async function expectRollupsMatchRaw(companyId: string, timezone: string) {
  const want = await expectedCallDays(companyId, timezone);
  expect(want.size).toBeGreaterThan(100);
  expect(sorted(await storedCallDays(companyId))).toEqual(sorted(want));
  const revenue = await expectedRevenue(companyId, timezone);
  expect(revenue.size).toBeGreaterThan(0);
  expect(sorted(await storedRevenue(companyId))).toEqual(sorted(revenue));
}

const apply = (companyId: string, facts: RetellCallFacts) => writeTransaction((tx) => applyRetellCall(tx, companyId, facts));
const book = (companyId: string, facts: BookingFacts) => writeTransaction((tx) => applyBooking(tx, companyId, facts));

/** Writes `n` calls (and their bookings) around `centre` through the appliers, some events twice. */
async function writeCalls(rng: Rng, companyId: string, centre: number, spreadMs: number, n: number) {
  for (let i = 0; i < n; i++) {
    const retellCallId = `call_p${companyId.slice(-10)}${centre}_${i}`;
    const direction: CallDirection = rng.chance(0.7) ? "inbound" : "outbound";
    const registered = new Date(Math.min(Date.now() - HOUR, centre + Math.floor((rng.next() - 0.5) * spreadMs)));
    const base: RetellCallFacts = { retellCallId, direction, status: "registered", startedAt: registered, fromNumber: "+15550001111" };
    const events: RetellCallFacts[] = [base];
    // The real start, up to 3 h after registering: sometimes on the next local day.
    const startedAt = new Date(registered.getTime() + rng.int(0, 3 * 60) * 60_000);
    if (rng.chance(0.6)) events.push({ ...base, status: "ongoing", startedAt });
    if (rng.chance(0.85)) {
      const status: CallStatus = rng.chance(0.1) ? "error" : "ended";
      const durationMs = rng.int(0, 600) * 1000;
      events.push({
        ...base,
        status,
        durationMs,
        endedAt: new Date(startedAt.getTime() + durationMs),
        disconnectionReason: rng.pick(REASONS) ?? undefined,
      });
      if (rng.chance(0.6)) events.push({ ...base, status, sentiment: rng.pick(SENTIMENT_VALUES) });
    }
    // Out of order now and then (a late call_started), and redelivered.
    if (events.length > 2 && rng.chance(0.2)) events.push(events[1]!);
    if (rng.chance(0.25)) events.push(events[rng.int(0, events.length - 1)]!);
    const bookAfter = rng.chance(0.35) ? rng.int(0, events.length - 1) : -1;
    for (const [j, facts] of events.entries()) {
      const applied = await apply(companyId, facts);
      if (j !== bookAfter || !applied) continue;
      const bookings = rng.chance(0.15) ? 2 : 1;
      for (let b = 0; b < bookings; b++) {
        const start = new Date(startedAt.getTime() + rng.int(1, 20) * DAY + rng.int(0, 23) * HOUR);
        const status = rng.weighted({ scheduled: 2, confirmed: 1, completed: 4, no_show: 1, cancelled: 1 });
        const price = rng.weighted({ none: 1, usd: 3, eur: 1 });
        const facts: BookingFacts = {
          uid: `bk_${retellCallId}_${b}`,
          status,
          title: "Visit",
          startAt: start,
          endAt: new Date(start.getTime() + 30 * 60_000),
          timezone: "UTC",
          location: null,
          attendee: { name: "Pat Doe", email: `pat.${i}.${b}.${centre}@example.com` },
          metadata: { sb_call_id: applied.callId },
          cancelReason: null,
          at: new Date(),
          price: price === "none" ? null : { cents: rng.int(10, 500) * 100, currency: price.toUpperCase() },
        };
        await book(companyId, facts);
        if (rng.chance(0.3)) await book(companyId, facts); // redelivered
      }
    }
  }
}

let companyId: string;

beforeAll(async () => {
  const t = await seedWebhookTenant();
  companyId = t.companyId;
  await getDb().update(companies).set({ timezone: "America/New_York" }).where(eq(companies.id, companyId));
  const rng = new Rng(SEED);
  await writeCalls(rng, companyId, Date.parse("2026-03-08T07:00:00Z"), 3 * DAY, 40); // US DST starts (23-hour day)
  await writeCalls(rng, companyId, Date.parse("2026-11-01T06:00:00Z"), 3 * DAY, 40); // US DST ends (25-hour day)
  await writeCalls(rng, companyId, Date.now() - 4 * DAY, 8 * DAY, 60); // the recent days and today
}, 180_000);

const actor = { userId: null, apiKeyId: null, role: "owner" as const, scopes: null, isPlatformAdmin: false, ip: null, requestId: null };

describe("daily rollups equal the raw rows", () => {
  it("after every write (out of order, redelivered, starts moving across midnight), in a DST zone", async () => {
    await expectRollupsMatchRaw(companyId, "America/New_York");
  });

  it("over random ranges, bucketings and time zones (a time-zone change rebuilds them), today read from the raw rows", async () => {
    const rng = new Rng(SEED + 1);
    const [span] = await getDb()
      .select({ first: min(calls.startedAt) })
      .from(calls)
      .where(eq(calls.companyId, companyId));
    for (const timezone of ["America/New_York", "Europe/Berlin", "Asia/Kolkata", "Pacific/Auckland"]) {
      if (timezone !== "America/New_York") await updateCompanySettings(companyId, { timezone }, actor);
      await expectRollupsMatchRaw(companyId, timezone);
      const want = await expectedCallDays(companyId, timezone);
      const revenue = await expectedRevenue(companyId, timezone);
      const first = addDays(zonedDateOf(span!.first!, timezone), -1);
      const today = zonedDateOf(new Date(), timezone);
      for (let k = 0; k < 12; k++) {
        const from = addDays(first, rng.int(0, daysBetween(first, today)));
        const to = addDays(from, rng.int(0, Math.min(60, daysBetween(from, today) + 2)));
        const got = new Map<string, Cell>();
        for (const r of await readCallDays(companyId, timezone, from, to, [
          "all",
          "status",
          "direction",
          "sentiment",
          "reason",
          "answered",
          "booked",
          "hour",
        ]))
          got.set(`${r.dim}|${r.day}|${r.value}`, { n: r.n, ms: r.ms });
        const inRange = new Map([...want].filter(([key]) => key.split("|")[1]! >= from && key.split("|")[1]! <= to));
        expect(sorted(got), `${timezone} ${from}…${to}`).toEqual(sorted(inRange));

        // The dashboard's buckets: a random cut of the same days.
        const cut = addDays(from, rng.int(0, daysBetween(from, to)));
        const starts = [...new Set([from, cut])].concat(addDays(to, 1));
        const buckets = await aggregateCallBuckets(companyId, timezone, starts);
        starts.slice(0, -1).forEach((s, b) => {
          const e = starts[b + 1]!;
          const sum = (dim: string, f: "n" | "ms") =>
            [...want]
              .filter(([key]) => key.startsWith(`${dim}|`) && key.split("|")[1]! >= s && key.split("|")[1]! < e)
              .reduce((a, [, c]) => a + c[f], 0);
          expect(buckets[b]).toEqual({
            calls: sum("all", "n"),
            answered: sum("answered", "n"),
            answeredMs: sum("answered", "ms"),
            bookings: sum("booked", "n"),
          });
        });

        const days = await readAppointmentDays(companyId, timezone, from, to);
        const gotRevenue = new Map(days.revenue.map((r) => [`${r.day}|${r.currency}`, r.cents]));
        expect(sorted(gotRevenue)).toEqual(
          sorted(new Map([...revenue].filter(([key]) => key.split("|")[0]! >= from && key.split("|")[0]! <= to))),
        );
      }
    }
    // The DST days are among the counted ones: New York's 2026-03-08 has 23 hour labels at most, and the data has calls on it.
    const ny = await expectedCallDays(companyId, "America/New_York");
    expect([...ny.keys()].some((k) => k.startsWith("all|2026-03-08|") || k.startsWith("all|2026-11-01|"))).toBe(true);
    expect(zonedDayStart("2026-11-02", "America/New_York").getTime() - zonedDayStart("2026-11-01", "America/New_York").getTime()).toBe(
      25 * HOUR,
    );
  }, 180_000);

  it("a Retell event and a booking applied again change nothing", async () => {
    const before = sorted(await storedCallDays(companyId));
    const beforeRevenue = sorted(await storedRevenue(companyId));
    const [call] = await getDb()
      .select()
      .from(calls)
      .where(and(eq(calls.companyId, companyId), eq(calls.status, "ended")))
      .limit(1);
    const again = await apply(companyId, {
      retellCallId: call!.retellCallId,
      direction: call!.direction,
      status: "ended",
      startedAt: call!.startedAt,
      durationMs: call!.durationMs ?? undefined,
      disconnectionReason: call!.disconnectionReason ?? undefined,
    });
    expect(again).toMatchObject({ created: false, changed: false });
    const [appt] = await getDb()
      .select()
      .from(appointments)
      .where(and(eq(appointments.companyId, companyId), eq(appointments.status, "completed"), sql`${appointments.priceCents} is not null`))
      .limit(1);
    const rebooked = await book(companyId, {
      uid: appt!.calBookingUid!,
      status: "completed",
      title: appt!.title,
      startAt: appt!.startAt,
      endAt: appt!.endAt,
      timezone: "UTC",
      location: null,
      attendee: {},
      metadata: {},
      cancelReason: null,
      at: new Date(),
      price: { cents: appt!.priceCents!, currency: appt!.currency! },
    });
    expect(rebooked?.changed).toBe(false);
    expect(sorted(await storedCallDays(companyId))).toEqual(before);
    expect(sorted(await storedRevenue(companyId))).toEqual(beforeRevenue);
  });

  it("the reconcile job finds a tampered, a missing and a stray row in recent days, fixes them and counts them", async () => {
    const [company] = await getDb().select({ timezone: companies.timezone }).from(companies).where(eq(companies.id, companyId));
    const timezone = company!.timezone;
    const yesterday = addDays(zonedDateOf(new Date(), timezone), -1);
    const want = await expectedCallDays(companyId, timezone);
    expect(want.has(`all|${yesterday}|`) || [...want.keys()].some((k) => k.includes(`|${addDays(yesterday, -1)}|`))).toBe(true);
    const recent = [...want.keys()].find((k) => k.startsWith("all|") && k.split("|")[1]! >= addDays(yesterday, -5))!;
    const recentDay = recent.split("|")[1]!;
    await getDb()
      .update(callDayCounts)
      .set({ n: sql`${callDayCounts.n} + 5` })
      .where(and(eq(callDayCounts.companyId, companyId), eq(callDayCounts.dim, "all"), eq(callDayCounts.day, recentDay)));
    await getDb()
      .delete(callDayCounts)
      .where(and(eq(callDayCounts.companyId, companyId), eq(callDayCounts.dim, "direction"), eq(callDayCounts.day, recentDay)));
    await getDb().insert(callDayCounts).values({ companyId, dim: "reason", day: recentDay, value: "stray_reason", n: 3, ms: 10 });
    expect(sorted(await storedCallDays(companyId))).not.toEqual(sorted(want));

    const repairs = async () =>
      (await processMetrics().rollupRepairs.get()).values.find((v) => v.labels.rollup === "call_day_counts")?.value ?? 0;
    const before = await repairs();
    const ctx = { jobId: "test", attempt: 1, signal: new AbortController().signal, log: pino({ level: "silent" }) };
    const result = (await appointmentDayCountsReconcile({}, ctx as never)) as { calls: { fixed: number } };
    // Every company of the test database is checked; ours contributed these repairs.
    const ours = 1 + [...want.keys()].filter((k) => k.startsWith(`direction|${recentDay}|`)).length + 1;
    expect(result.calls.fixed).toBeGreaterThanOrEqual(ours);
    expect((await repairs()) - before).toBeGreaterThanOrEqual(ours);
    expect(sorted(await storedCallDays(companyId))).toEqual(sorted(want));
  });
});
