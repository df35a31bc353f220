import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as REPORTS } from "@/app/api/v1/analytics/reports/route";
import { GET as KPIS } from "@/app/api/v1/analytics/kpis/route";
import { GET as TRENDS } from "@/app/api/v1/analytics/trends/route";
import { GET as DOWNLOAD } from "@/app/api/v1/exports/[id]/download/route";
import { GET as STATUS } from "@/app/api/v1/exports/[id]/route";
import { invalidate } from "@/lib/cache/invalidate";
import { getDb } from "@/lib/db/client";
import { appointments } from "@/lib/db/schema/appointments";
import { calls } from "@/lib/db/schema/calls";
import { writeTransaction } from "@/lib/db/write-transaction";
import { startWorker, type RunningWorker } from "@/lib/jobs/worker/start-worker";
import type { AnalyticsKpis, AnalyticsTrend } from "@/lib/services/analytics/schemas";
import { applyBooking } from "@/lib/services/appointments/apply-booking";
import type { BookingFacts } from "@/lib/services/appointments/booking-facts";
import { isAnsweredCall } from "@/lib/services/calls/answered-call";
import { applyRetellCall } from "@/lib/services/calls/apply-retell-call";
import type { ExportView } from "@/lib/services/exports/schemas";
import { addDays } from "@/lib/time/add-days";
import { zonedDateOf } from "@/lib/time/zoned-date-of";
import { waitFor } from "../helpers/jobs-wait";
import { apiKeyCaller, personCaller, routeParams, signedRequest, type TestCaller } from "../helpers/signed-request";
import { seedWebhookTenant } from "../helpers/webhook-tenants";

/**
 * The analytics routes: KPIs and trends equal what the raw rows say, the cache answers the second read
 * and a calls.created invalidation the next, reports run through the exports job and are read through
 * /api/v1/exports/{id}, bad input is a 400 with field details, and one company never sees another's.
 * Companies here are UTC, so a call's local day is its UTC date.
 */
type Body<T> = { data: T; error?: { code: string; details?: unknown } };
const DAY = 86_400_000;

let worker: RunningWorker | undefined;
afterAll(async () => {
  await worker?.close();
});

async function get<T>(handler: (req: Request) => Promise<Response>, path: string, caller: TestCaller) {
  const res = await handler(await signedRequest(path, { caller }));
  return { res, body: (await res.json()) as Body<T> };
}

let seq = 0;
/** A finished call `daysAgo` days before now (hours before for today), answered when long enough. */
async function seedCall(
  companyId: string,
  daysAgo: number,
  durationSec: number,
  sentiment: "positive" | "negative",
  reason = "user_hangup",
) {
  const startedAt = new Date(Date.now() - daysAgo * DAY - 60_000 * (seq % 50) - 60_000);
  const applied = await writeTransaction((tx) =>
    applyRetellCall(tx, companyId, {
      retellCallId: `call_an${companyId.slice(-8)}_${seq++}`,
      direction: "inbound",
      status: "ended",
      startedAt,
      durationMs: durationSec * 1000,
      disconnectionReason: reason,
      sentiment,
    }),
  );
  return applied!.callId;
}

async function seedBooking(companyId: string, callId: string, daysAgo: number, status: BookingFacts["status"], cents: number | null) {
  const startAt = new Date(Date.now() - daysAgo * DAY - 3_600_000);
  await writeTransaction((tx) =>
    applyBooking(tx, companyId, {
      uid: `bk_an_${seq++}_${companyId.slice(-8)}`,
      status,
      title: "Visit",
      startAt,
      endAt: new Date(startAt.getTime() + 30 * 60_000),
      timezone: "UTC",
      location: null,
      attendee: { name: "Pat Doe", email: `pat.an.${seq}@example.com` },
      metadata: { sb_call_id: callId },
      cancelReason: null,
      at: new Date(),
      price: cents === null ? null : { cents, currency: "USD" },
    }),
  );
}

let acme: Awaited<ReturnType<typeof seedWebhookTenant>>;
let other: Awaited<ReturnType<typeof seedWebhookTenant>>;
const today = () => zonedDateOf(new Date(), "UTC");

beforeAll(async () => {
  acme = await seedWebhookTenant();
  other = await seedWebhookTenant();
  // Over the last 20 days and today: answered and short calls, bookings with and without a price.
  for (let d = 0; d <= 20; d += 2) {
    const a = await seedCall(acme.companyId, d, 120 + d, "positive");
    await seedCall(acme.companyId, d, 5, "negative", "inactivity");
    if (d % 4 === 0) await seedBooking(acme.companyId, a, d, d === 0 ? "scheduled" : "completed", 9_000);
    if (d % 8 === 2) await seedBooking(acme.companyId, a, d, "no_show", 9_000);
  }
  await seedCall(other.companyId, 1, 300, "positive");
}, 120_000);

/** What the KPIs must say for local days from…to, from the raw rows. */
async function expected(companyId: string, from: string, to: string) {
  const inRange = (d: Date) => zonedDateOf(d, "UTC") >= from && zonedDateOf(d, "UTC") <= to;
  const rows = (await getDb().select().from(calls).where(eq(calls.companyId, companyId))).filter((c) => inRange(c.startedAt));
  const appts = (await getDb().select().from(appointments).where(eq(appointments.companyId, companyId))).filter((a) => inRange(a.startAt));
  const booked = new Set(
    (await getDb().select().from(appointments).where(eq(appointments.companyId, companyId))).map((a) => a.sourceCallId),
  );
  const completed = appts.filter((a) => a.status === "completed");
  const noShows = appts.filter((a) => a.status === "no_show").length;
  return {
    calls: rows.length,
    answered: rows.filter(isAnsweredCall).length,
    bookings: rows.filter((c) => booked.has(c.id)).length,
    noShowRate: completed.length + noShows > 0 ? Math.round((noShows / (completed.length + noShows)) * 10_000) / 10_000 : null,
    positive: rows.filter((c) => c.sentiment === "positive").length,
    revenue: completed.reduce((s, a) => s + (a.priceCents ?? 0), 0),
    // Companies here are UTC: a call's local weekday (Monday first) and hour are its UTC ones.
    weekdayHours: rows.reduce(
      (grid, c) => {
        grid[(c.startedAt.getUTCDay() + 6) % 7]![c.startedAt.getUTCHours()]! += 1;
        return grid;
      },
      Array.from({ length: 7 }, () => Array<number>(24).fill(0)),
    ),
    reasons: rows.reduce<Record<string, number>>(
      (m, c) => ({ ...m, [c.disconnectionReason ?? ""]: (m[c.disconnectionReason ?? ""] ?? 0) + 1 }),
      {},
    ),
  };
}

describe("GET /api/v1/analytics/kpis", () => {
  it("equals the raw rows for this period and the previous one; cached, then refreshed by calls.created", async () => {
    const from = addDays(today(), -13);
    const path = `/api/v1/analytics/kpis?from=${from}&to=${today()}`;
    const { res, body } = await get<AnalyticsKpis>(KPIS, path, acme.owner);
    expect(res.status).toBe(200);
    const want = await expected(acme.companyId, from, today());
    const wantPrev = await expected(acme.companyId, addDays(from, -14), addDays(from, -1));
    const k = body.data;
    expect(want.calls).toBeGreaterThan(0);
    expect(k.kpis.calls).toMatchObject({ current: want.calls, previous: wantPrev.calls });
    expect(k.kpis.answered.current).toBe(want.answered);
    expect(k.kpis.bookings.current).toBe(want.bookings);
    expect(k.kpis.noShowRate.current).toBe(want.noShowRate);
    expect(k.sentiment.positive.current).toBe(Math.round((want.positive / want.calls) * 10_000) / 10_000);
    expect(k.revenue).toEqual([expect.objectContaining({ currency: "USD", current: want.revenue, previous: wantPrev.revenue })]);
    // The disconnection reasons: every call counted once under its reason, most calls first.
    expect(Object.fromEntries(k.disconnectionReasons.map((r) => [r.reason, r.current]))).toEqual(want.reasons);
    expect(k.disconnectionReasons.find((r) => r.reason === "inactivity")?.previous).toBe(wantPrev.reasons.inactivity ?? 0);
    const counts = k.disconnectionReasons.map((r) => r.current);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    // When callers call: this period's calls by weekday and hour, each call in one cell.
    expect(k.callsByWeekdayHour).toEqual(want.weekdayHours);
    expect(k.callsByWeekdayHour.flat().reduce((a, b) => a + b, 0)).toBe(want.calls);
    expect(res.headers.get("x-cache")).toBe("MISS");

    expect((await get(KPIS, path, acme.owner)).res.headers.get("x-cache")).toBe("HIT");
    await seedCall(acme.companyId, 0, 60, "positive");
    await invalidate("calls.created", { companyId: acme.companyId });
    const after = await get<AnalyticsKpis>(KPIS, path, acme.owner);
    expect(after.res.headers.get("x-cache")).toBe("MISS");
    expect(after.body.data.kpis.calls.current).toBe(want.calls + 1);
  });

  it("counts only the caller's company", async () => {
    const { body } = await get<AnalyticsKpis>(KPIS, `/api/v1/analytics/kpis?from=${addDays(today(), -13)}&to=${today()}`, other.owner);
    expect(body.data.kpis.calls.current).toBe(1);
    expect(body.data.revenue).toEqual([]);
  });

  it.each([
    [`from=${"2026-01-10"}`, "to"],
    ["from=2026-02-10&to=2026-02-01", "to"],
    ["from=2025-01-01&to=2026-06-01", "to"],
    ["from=yesterday&to=2026-02-01", "from"],
    ["range=7d", "range"],
  ])("refuses ?%s with a 400 naming %s", async (query, field) => {
    const { res, body } = await get(KPIS, `/api/v1/analytics/kpis?${query}`, acme.owner);
    expect(res.status).toBe(400);
    expect(JSON.stringify(body.error?.details)).toContain(field);
  });

  it("needs analytics:read", async () => {
    const key = apiKeyCaller({ keyId: "key_nope", companyId: acme.companyId, scopes: ["calls:read"] });
    expect((await get(KPIS, "/api/v1/analytics/kpis", key)).res.status).toBe(403);
  });
});

describe("GET /api/v1/analytics/trends", () => {
  it("by week: buckets start on Mondays (the first clipped to the range) and add up to the KPI", async () => {
    const from = addDays(today(), -20);
    const { res, body } = await get<AnalyticsTrend>(
      TRENDS,
      `/api/v1/analytics/trends?metric=calls&interval=week&from=${from}&to=${today()}`,
      acme.owner,
    );
    expect(res.status).toBe(200);
    const series = body.data.series;
    expect(series[0]!.start).toBe(from);
    for (const p of series.slice(1)) expect(new Date(`${p.start}T00:00:00Z`).getUTCDay()).toBe(1);
    expect(series.at(-1)!.end).toBe(today());
    expect(series.reduce((s, p) => s + (p.value ?? 0), 0)).toBe((await expected(acme.companyId, from, today())).calls);
  });

  it("revenue by month in the currency with the most revenue; a day series has a point per day", async () => {
    const from = addDays(today(), -20);
    const revenue = await get<AnalyticsTrend>(
      TRENDS,
      `/api/v1/analytics/trends?metric=revenue&interval=month&from=${from}&to=${today()}`,
      acme.owner,
    );
    expect(revenue.body.data.currency).toBe("USD");
    expect(revenue.body.data.series.reduce((s, p) => s + (p.value ?? 0), 0)).toBe((await expected(acme.companyId, from, today())).revenue);
    const daily = await get<AnalyticsTrend>(TRENDS, `/api/v1/analytics/trends?metric=answerRate&from=${from}&to=${today()}`, acme.owner);
    expect(daily.body.data.series).toHaveLength(21);
  });

  it("refuses an unknown metric or interval with a 400", async () => {
    for (const q of ["metric=profit", "metric=calls&interval=year", "interval=day"]) {
      const { res, body } = await get(TRENDS, `/api/v1/analytics/trends?${q}`, acme.owner);
      expect(res.status, q).toBe(400);
      expect(body.error?.code).toBe("validation_failed");
    }
  });
});

describe("POST /api/v1/analytics/reports", () => {
  const post = async (body: unknown, caller: TestCaller) => {
    const res = await REPORTS(await signedRequest("/api/v1/analytics/reports", { method: "POST", caller, body }));
    return { res, body: (await res.json()) as Body<ExportView> };
  };
  const status = async (id: string, caller: TestCaller) => {
    const res = await STATUS(await signedRequest(`/api/v1/exports/${id}`, { caller }), routeParams({ id }));
    return { res, body: (await res.json()) as Body<ExportView> };
  };

  it("a viewer's daily summary runs as an export job and downloads with a row a day; another company cannot read it", async () => {
    worker ??= await startWorker({ queues: ["exports"], schedules: false, backoffMs: 20, heartbeatMs: 200, outboxBlockMs: 100 });
    const viewer = personCaller({ userId: acme.userId, companyId: acme.companyId, role: "viewer" });
    const from = addDays(today(), -6);
    const created = await post({ kind: "daily_summary", from, to: today() }, viewer);
    expect(created.res.status).toBe(202);
    expect(created.body.data).toMatchObject({
      kind: "analytics_csv",
      status: "queued",
      filters: { kind: "daily_summary", from, to: today() },
    });
    const id = created.body.data.id;
    const done = await waitFor(
      async () => {
        const s = (await status(id, viewer)).body.data;
        return s.status === "done" || s.status === "failed" ? s : undefined;
      },
      { timeoutMs: 20_000, what: "report done" },
    );
    expect(done).toMatchObject({ status: "done", rowCount: 7 });
    const file = await DOWNLOAD(await signedRequest(`/api/v1/exports/${id}/download`, { caller: viewer }), routeParams({ id }));
    expect(file.status).toBe(200);
    expect(file.headers.get("content-disposition")).toContain(`daily-summary-${from}-${today()}.csv`);
    const lines = (await file.text()).trim().split("\r\n");
    expect(lines[0]).toMatch(/^day,calls,answered,answer_rate,/);
    expect(lines).toHaveLength(8);
    const want = await expected(acme.companyId, from, today());
    expect(lines.slice(1).reduce((s, l) => s + Number(l.split(",")[1]), 0)).toBe(want.calls);

    expect((await status(id, other.owner)).res.status).toBe(404);
    // A viewer cannot read a calls export (calls:export), and the route says so before looking it up.
    const noExport = apiKeyCaller({ keyId: "key_none", companyId: acme.companyId, scopes: ["calls:read"] });
    expect((await status(id, noExport)).res.status).toBe(403);
  });

  it("bookings by customer lists customers' contacts: an analytics-only key may neither create it nor read its file", async () => {
    const analyticsOnly = apiKeyCaller({ keyId: "key_analytics", companyId: acme.companyId, scopes: ["analytics:read"] });
    const refused = await post({ kind: "customer_bookings", from: addDays(today(), -6), to: today() }, analyticsOnly);
    expect(refused.res.status).toBe(403);
    expect(JSON.stringify(refused.body)).toContain("needs the customers:read permission");
    // The same key may still run the aggregate reports.
    expect((await post({ kind: "daily_summary", from: addDays(today(), -6), to: today() }, analyticsOnly)).res.status).toBe(202);
    // A file the owner created is not readable with it either.
    const mine = await post({ kind: "customer_bookings", from: addDays(today(), -6), to: today() }, acme.owner);
    expect(mine.res.status).toBe(202);
    const read = await status(mine.body.data.id, analyticsOnly);
    expect(read.res.status).toBe(403);
    const file = await DOWNLOAD(
      await signedRequest(`/api/v1/exports/${mine.body.data.id}/download`, { caller: analyticsOnly }),
      routeParams({ id: mine.body.data.id }),
    );
    expect(file.status).toBe(403);
    expect((await status(mine.body.data.id, acme.owner)).res.status).toBe(200);
  });

  it("refuses an unknown kind, a missing day or a reversed range with a 400", async () => {
    for (const body of [
      { kind: "everything", from: today(), to: today() },
      { kind: "daily_summary", from: today() },
      { kind: "customer_bookings", from: today(), to: addDays(today(), -1) },
    ]) {
      const { res, body: answer } = await post(body, acme.owner);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(answer.error?.code).toBe("validation_failed");
    }
  });
});
