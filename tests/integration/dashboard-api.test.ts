import { beforeAll, describe, expect, it } from "vitest";
import { GET as ACTIVITY } from "@/app/api/v1/dashboard/activity/route";
import { GET as METRICS } from "@/app/api/v1/dashboard/metrics/route";
import { GET as OVERVIEW } from "@/app/api/v1/dashboard/overview/route";
import type { ActivityItem, DashboardMetrics, DashboardOverview } from "@/lib/services/dashboard/schemas";
import { ANSWERED_SQL, localDate, sqlRows } from "../helpers/demo-data";
import { setupDemoApi } from "../helpers/demo-fixture";
import { seedTenant } from "../helpers/seed-rows";
import { apiKeyCaller, personCaller, signedRequest, type TestCaller } from "../helpers/signed-request";

const TZ = "America/New_York";
const DAY = 86_400_000;

const demo = setupDemoApi();
let acme: string;
let globex: string;
let owner: TestCaller;
let viewer: TestCaller;

beforeAll(() => {
  ({ acme, globex, owner, viewer } = demo);
});

type Body<T> = { data: T; error?: { code: string; details?: Array<{ field: string }> } };

async function call<T>(
  handler: (req: Request) => Promise<Response>,
  path: string,
  caller: TestCaller = owner,
  headers: Record<string, string> = {},
) {
  const res = await handler(await signedRequest(path, { caller, headers }));
  return { res, body: (await res.json()) as Body<T> };
}
const overview = (query = "", caller?: TestCaller, headers?: Record<string, string>) =>
  call<DashboardOverview>(OVERVIEW, `/api/v1/dashboard/overview${query}`, caller, headers);
const metrics = (query = "", caller?: TestCaller) => call<DashboardMetrics>(METRICS, `/api/v1/dashboard/metrics${query}`, caller);

/** The KPIs for [from, to), counted straight from the tables. */
async function expectedKpis(companyId: string, from: string, to: string) {
  const [c] = await sqlRows<{ calls: number; answered: string | null; answered_ms: string | null }>(
    `SELECT COUNT(*) calls, SUM(${ANSWERED_SQL}) answered, SUM(CASE WHEN ${ANSWERED_SQL} THEN duration_ms ELSE 0 END) answered_ms
     FROM calls WHERE company_id = ? AND started_at >= ? AND started_at < ?`,
    [companyId, new Date(from), new Date(to)],
  );
  const [b] = await sqlRows<{ bookings: number }>(
    `SELECT COUNT(DISTINCT a.source_call_id) bookings FROM appointments a JOIN calls c ON c.id = a.source_call_id
     WHERE a.company_id = ? AND c.company_id = ? AND c.started_at >= ? AND c.started_at < ?`,
    [companyId, companyId, new Date(from), new Date(to)],
  );
  const answered = Number(c!.answered ?? 0);
  return {
    calls: Number(c!.calls),
    answered,
    avgDurationSec: answered ? Number(c!.answered_ms) / answered / 1000 : null,
    bookings: Number(b!.bookings),
  };
}

/** The local midnight at which `day` starts, checked through Intl: `at` is on `day`, one ms before is not. */
function expectLocalMidnight(at: string, day: string) {
  expect(localDate(new Date(at), TZ)).toBe(day);
  expect(localDate(new Date(at).getTime() - 1, TZ)).not.toBe(day);
  expect(
    new Intl.DateTimeFormat("en-GB", { timeZone: TZ, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(at)),
  ).toBe("00:00");
}

describe("GET /api/v1/dashboard/overview", () => {
  it.each(["today", "7d", "30d", "90d"])(
    "range=%s: every KPI equals an independent SQL count, for this period and the previous one",
    async (range) => {
      const { res, body } = await overview(`?range=${range}`);
      expect(res.status).toBe(200);
      const { period, kpis } = body.data;
      const days = { today: 1, "7d": 7, "30d": 30, "90d": 90 }[range]!;
      expect(period).toMatchObject({ range, timezone: TZ, days, lastDay: localDate(Date.now(), TZ) });
      expectLocalMidnight(period.from, period.firstDay);
      expectLocalMidnight(period.to, localDate(new Date(period.to), TZ));
      expect(period.previous.to).toBe(period.from);
      expectLocalMidnight(period.previous.from, period.previous.firstDay);

      for (const [which, bounds] of [
        ["current", period],
        ["previous", period.previous],
      ] as const) {
        const want = await expectedKpis(acme, bounds.from, bounds.to);
        expect(kpis.calls[which]).toBe(want.calls);
        expect(kpis.answered[which]).toBe(want.answered);
        expect(kpis.bookings[which]).toBe(want.bookings);
        if (want.avgDurationSec === null) expect(kpis.avgDurationSec[which]).toBeNull();
        else expect(kpis.avgDurationSec[which]).toBeCloseTo(want.avgDurationSec, 1);
        expect(kpis.answerRate[which]).toBe(want.calls ? Math.round((want.answered / want.calls) * 10_000) / 10_000 : null);
        expect(kpis.conversion[which]).toBe(want.answered ? Math.round((want.bookings / want.answered) * 10_000) / 10_000 : null);
      }
      if (range === "90d") {
        // The demo's 90 days of history are all inside: the period holds every finished demo call.
        expect(kpis.calls.current).toBeGreaterThan(400);
        expect(kpis.bookings.current).toBeGreaterThan(0);
      }
      const { current, previous } = kpis.calls;
      expect(kpis.calls.change).toBe(previous ? Math.round(((current! - previous) / previous) * 10_000) / 10_000 : null);
    },
  );

  it("defaults to today; a custom from/to covers those local days, both included", async () => {
    const today = await overview();
    expect(today.body.data.period).toMatchObject({ range: "today", days: 1 });

    const last = localDate(Date.now() - 10 * DAY, TZ);
    const first = localDate(Date.now() - 23 * DAY, TZ);
    const { body } = await overview(`?from=${first}&to=${last}`);
    expect(body.data.period).toMatchObject({ range: "custom", firstDay: first, lastDay: last, days: 14 });
    expect(body.data.period.previous.lastDay).toBe(localDate(Date.now() - 24 * DAY, TZ));
    const want = await expectedKpis(acme, body.data.period.from, body.data.period.to);
    expect(body.data.kpis.calls.current).toBe(want.calls);
    // Independent of the service's boundaries: the calls whose New York date lies in [first, last].
    const all = await sqlRows<{ started_at: Date }>("SELECT started_at FROM calls WHERE company_id = ?", [acme]);
    expect(want.calls).toBe(all.filter((r) => localDate(r.started_at, TZ) >= first && localDate(r.started_at, TZ) <= last).length);
  });

  it("counts only the caller's company; a company without calls gets zeros and null rates", async () => {
    const g = await overview("?range=90d", personCaller({ userId: "usr_x", companyId: globex, role: "viewer" }));
    const want = await expectedKpis(globex, g.body.data.period.from, g.body.data.period.to);
    expect(g.body.data.kpis.calls.current).toBe(want.calls);
    expect(want.calls).toBeGreaterThan(0);

    const t = await seedTenant();
    const empty = await overview("?range=30d", personCaller({ userId: t.user.id, companyId: t.companyId, role: "owner" }));
    expect(empty.res.status).toBe(200);
    expect(empty.body.data.period.timezone).toBe("UTC");
    expect(empty.body.data.kpis.calls).toEqual({ current: 0, previous: 0, change: null });
    expect(empty.body.data.kpis.answerRate).toEqual({ current: null, previous: null, change: null });
    expect(empty.body.data.kpis.avgDurationSec.current).toBeNull();
  });

  it.each([
    ["?range=1y", "range"],
    ["?range=7d&from=2026-01-01&to=2026-01-02", "range"],
    ["?from=2026-01-01", "to"],
    ["?from=2026-01-05&to=2026-01-01", "to"],
    ["?from=2024-01-01&to=2026-01-01", "to"],
    ["?days=7", "days"],
  ])("refuses %s with 400 naming %s", async (query, field) => {
    const { res, body } = await overview(query);
    expect(res.status).toBe(400);
    expect(body.error?.details?.map((d) => d.field)).toContain(field);
  });

  it("X-Cache: MISS, then HIT; Cache-Control: no-cache bypasses", async () => {
    const q = `?from=${localDate(Date.now() - 40 * DAY, TZ)}&to=${localDate(Date.now() - 33 * DAY, TZ)}`;
    const miss = await overview(q);
    expect(miss.res.headers.get("x-cache")).toBe("MISS");
    const hit = await overview(q);
    expect(hit.res.headers.get("x-cache")).toBe("HIT");
    expect(hit.body).toEqual(miss.body);
    expect((await overview(q, owner, { "cache-control": "no-cache" })).res.headers.get("x-cache")).toBe("BYPASS");
  });

  it("a viewer may read; an API key needs dashboard:read; no context is 401", async () => {
    expect((await overview("", viewer)).res.status).toBe(200);
    expect((await overview("", apiKeyCaller({ keyId: "key_t", companyId: acme, scopes: ["dashboard:read"] }))).res.status).toBe(200);
    const refused = await overview("", apiKeyCaller({ keyId: "key_t", companyId: acme, scopes: ["calls:read"] }));
    expect(refused.res.status).toBe(403);
    expect(refused.body.error?.code).toBe("forbidden");
    expect((await OVERVIEW(await signedRequest("/api/v1/dashboard/overview", { caller: null }))).status).toBe(401);
  });
});

describe("GET /api/v1/dashboard/metrics", () => {
  it("a point per local day (default 30), each equal to the calls whose New York date it is", async () => {
    const { res, body } = await metrics();
    expect(res.status).toBe(200);
    const { series, period } = body.data;
    expect(period).toMatchObject({ range: "30d", days: 30 });
    expect(series).toHaveLength(30);
    expect(series.at(-1)!.date).toBe(localDate(Date.now(), TZ));

    // Bucketed here with Intl, independently of the service's SQL day edges.
    const rows = await sqlRows<{ started_at: Date; answered: number; duration_ms: number | null; booked: number }>(
      `SELECT c.started_at, ${ANSWERED_SQL} answered, c.duration_ms,
              (SELECT COUNT(*) FROM appointments a WHERE a.company_id = c.company_id AND a.source_call_id = c.id) booked
       FROM calls c WHERE c.company_id = ? AND c.started_at >= ? AND c.started_at < ?`,
      [acme, new Date(period.from), new Date(period.to)],
    );
    for (const point of series) {
      const day = rows.filter((r) => localDate(r.started_at, TZ) === point.date);
      const answered = day.filter((r) => Number(r.answered) === 1);
      expect(point.calls, point.date).toBe(day.length);
      expect(point.answered, point.date).toBe(answered.length);
      expect(point.bookings, point.date).toBe(day.reduce((n, r) => n + Number(r.booked), 0));
      if (answered.length === 0) expect(point.avgDurationSec).toBeNull();
      else expect(point.avgDurationSec).toBeCloseTo(answered.reduce((s, r) => s + r.duration_ms!, 0) / answered.length / 1000, 1);
      expectLocalMidnight(point.from, point.date);
    }
    expect(series.reduce((n, p) => n + p.calls, 0)).toBe(rows.length);
    expect(rows.length).toBeGreaterThan(100);
  });

  it("sums to the overview of the same period; 90d has 90 points", async () => {
    const m = await metrics("?range=7d");
    const o = await overview("?range=7d");
    expect(m.body.data.series).toHaveLength(7);
    expect(m.body.data.series.reduce((n, p) => n + p.calls, 0)).toBe(o.body.data.kpis.calls.current);
    expect(m.body.data.series.reduce((n, p) => n + p.bookings, 0)).toBe(o.body.data.kpis.bookings.current);
    expect((await metrics("?range=90d")).body.data.series).toHaveLength(90);
    expect((await metrics("?interval=week")).res.status).toBe(400);
  });

  it("is cached: MISS then HIT", async () => {
    const q = `?from=${localDate(Date.now() - 60 * DAY, TZ)}&to=${localDate(Date.now() - 50 * DAY, TZ)}`;
    expect((await metrics(q)).res.headers.get("x-cache")).toBe("MISS");
    expect((await metrics(q)).res.headers.get("x-cache")).toBe("HIT");
  });
});

describe("GET /api/v1/dashboard/activity", () => {
  const activity = (query = "", caller?: TestCaller) => call<ActivityItem[]>(ACTIVITY, `/api/v1/dashboard/activity${query}`, caller);

  it("merges the newest calls, bookings and emails, newest first, exactly as SQL orders them", async () => {
    const { res, body } = await activity();
    expect(res.status).toBe(200);
    // Never cached (bookings and emails would wait for a TTL): it says so, like every cacheable read.
    expect(res.headers.get("x-cache")).toBe("BYPASS");
    expect(body.data).toHaveLength(20);
    const want = await sqlRows<{ kind: string; id: string }>(
      `SELECT kind, id FROM (
         SELECT 'call' kind, id, started_at at FROM calls WHERE company_id = ?
         UNION ALL SELECT 'appointment', id, created_at FROM appointments WHERE company_id = ?
         UNION ALL SELECT 'email', id, occurred_at FROM email_events WHERE company_id = ?
       ) e ORDER BY at DESC, id DESC LIMIT 20`,
      [acme, acme, acme],
    );
    expect(body.data.map((i) => `${i.kind}:${i.id}`)).toEqual(want.map((w) => `${w.kind}:${w.id}`));
    const times = body.data.map((i) => i.at);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it("takes limit 1–50 and shows each kind's fields", async () => {
    const { body } = await activity("?limit=50");
    expect(body.data).toHaveLength(50);
    expect(new Set(body.data.map((i) => i.kind))).toEqual(new Set(["call", "appointment", "email"]));
    const booking = body.data.find((i) => i.kind === "appointment");
    expect(booking).toMatchObject({ title: expect.any(String), status: expect.any(String), startAt: expect.any(String) });
    expect((await activity("?limit=51")).res.status).toBe(400);
    expect((await activity("?limit=0")).res.status).toBe(400);
  });

  it("shows only the caller's company and needs dashboard:read", async () => {
    const { body } = await activity("?limit=50", personCaller({ userId: "usr_x", companyId: globex, role: "viewer" }));
    const acmeCalls = new Set((await sqlRows<{ id: string }>("SELECT id FROM calls WHERE company_id = ?", [acme])).map((r) => r.id));
    expect(body.data.length).toBeGreaterThan(0);
    expect(body.data.some((i) => acmeCalls.has(i.id))).toBe(false);
    expect((await activity("", apiKeyCaller({ keyId: "key_t", companyId: acme, scopes: ["calls:read"] }))).res.status).toBe(403);
  });
});
