/**
 * `npm run bench:api`: the first vertical slice at scale, in one run against the production build.
 * With BENCH_CALLS (default 1 000 000) seeded: calls list p50/p95 on the first page and on a deep
 * cursor (near the oldest calls), overview cached vs uncached, customer search for the most common
 * surname (full text; target: within 2× of the calls list's first page), the calendar's month view
 * (the summary: counts per day and the first three of each; target: within 2× of the calls list's
 * first page) beside every booking of the same days (what the month view asked for before), the
 * rollup-backed aggregates (overview 90 d, analytics KPIs over 365 d, trends by week over 365 d, all
 * uncached; target: p95 within 3× of the calls list's first page), and the dashboard page's JavaScript on the wire (bench/lib/page-js.ts, as `npm run bench:pages`). Requests are
 * sequential so p95 is latency, not queueing; the calls first page, the customer search and the month
 * summary are measured interleaved (one of each per round), so the ratios hold on a loaded machine.
 * BENCH_CUSTOMERS sets how many customers the seeder makes (default: its own, 150); BENCH_OVERVIEW=0 skips the overview rows.
 *
 *   BENCH_CALLS=1000000 BENCH_CUSTOMERS=50000 BENCH_REQUESTS=200 npm run bench:api
 */
import { Agent, request as httpRequest } from "node:http";
import { asc, eq } from "drizzle-orm";
import { acmeBenchKey, seedBenchData } from "./lib/acme-key";
import { base, benchEnv, startBenchApp } from "./lib/bench-app";
import { launchChromium, measurePageJs, signInCookies, sum, type PageJs } from "./lib/page-js";

benchEnv();
const calls = Number(process.env.BENCH_CALLS ?? 1_000_000);
const requests = Number(process.env.BENCH_REQUESTS ?? 200);
const customers = process.env.BENCH_CUSTOMERS ? Number(process.env.BENCH_CUSTOMERS) : undefined;
/** BENCH_OVERVIEW=0 leaves out the overview and analytics rows. */
const withOverview = process.env.BENCH_OVERVIEW !== "0";
const skipped = { p50: Number.NaN, p95: Number.NaN, cache: "skipped" };

/**
 * One GET, body read to the end. The default client is node:http over one kept-alive socket: what is
 * timed is the server and the loopback, not the client. `BENCH_CLIENT=fetch` times undici's fetch instead
 * (what this bench used before 2026-12-07: about 3 ms more a request on this machine, measured as the
 * cached calls page's p50, 9.5 ms with fetch against 6 with a lean client).
 */
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
async function get(path: string, headers: Record<string, string>): Promise<{ ok: boolean; status: number; cache: string }> {
  if (process.env.BENCH_CLIENT === "fetch") {
    const res = await fetch(base + path, { headers });
    await res.arrayBuffer();
    return { ok: res.ok, status: res.status, cache: res.headers.get("x-cache") ?? "-" };
  }
  return new Promise((resolve, reject) => {
    const req = httpRequest(base + path, { headers, agent }, (res) => {
      res.on("data", () => undefined);
      res.on("end", () => {
        const status = res.statusCode ?? 0;
        const cache = res.headers["x-cache"];
        resolve({ ok: status >= 200 && status < 300, status, cache: typeof cache === "string" ? cache : "-" });
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function timed(path: string, headers: Record<string, string>, n = requests) {
  for (let i = 0; i < 10; i++) await get(path, headers);
  const times: number[] = [];
  const cache: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const res = await get(path, headers);
    times.push(performance.now() - t);
    if (!res.ok) throw new Error(`${path} answered ${res.status}`);
    const x = res.cache;
    cache[x] = (cache[x] ?? 0) + 1;
  }
  times.sort((a, b) => a - b);
  return {
    p50: pct(times, 50),
    p95: pct(times, 95),
    cache: Object.entries(cache)
      .map(([k, v]) => `${k}×${v}`)
      .join(" "),
  };
}

/**
 * Like `timed`, for several paths at once, one request of each per round: a shared machine's load
 * then weighs on every path alike, so their ratios mean something even when the absolute times move.
 */
async function timedTogether(paths: string[], headers: Record<string, string>, n = requests) {
  for (let i = 0; i < 10; i++) for (const path of paths) await get(path, headers);
  const times = paths.map(() => [] as number[]);
  const cache = paths.map(() => ({}) as Record<string, number>);
  for (let i = 0; i < n; i++) {
    for (const [k, path] of paths.entries()) {
      const t = performance.now();
      const res = await get(path, headers);
      times[k]!.push(performance.now() - t);
      if (!res.ok) throw new Error(`${path} answered ${res.status}`);
      const x = res.cache;
      cache[k]![x] = (cache[k]![x] ?? 0) + 1;
    }
  }
  return times.map((list, k) => {
    list.sort((a, b) => a - b);
    return {
      p50: pct(list, 50),
      p95: pct(list, 95),
      cache: Object.entries(cache[k]!)
        .map(([x, v]) => `${x}×${v}`)
        .join(" "),
    };
  });
}

async function deepCursor(companyId: string): Promise<string> {
  const { getDb, closeDb } = await import("@/lib/db/client");
  const { calls: callsTable } = await import("@/lib/db/schema/calls");
  const { encodeCallCursor } = await import("@/lib/services/calls/call-cursor");
  const [row] = await getDb()
    .select({ startedAt: callsTable.startedAt, id: callsTable.id })
    .from(callsTable)
    .where(eq(callsTable.companyId, companyId))
    .orderBy(asc(callsTable.startedAt), asc(callsTable.id))
    .limit(1)
    .offset(1_000);
  await closeDb();
  if (!row) throw new Error("not enough calls for a deep cursor");
  return encodeCallCursor({ startedAt: row.startedAt!, id: row.id });
}

/** The surname most of the company's customers share, and how many have it: a search that matches many rows. */
async function commonSurname(companyId: string): Promise<{ surname: string; count: number; customers: number }> {
  const { getPool, closeDb } = await import("@/lib/db/client");
  const [rows] = await getPool().query(
    "SELECT SUBSTRING_INDEX(name, ' ', -1) AS surname, COUNT(*) AS n, SUM(COUNT(*)) OVER () AS total FROM customers WHERE company_id = ? GROUP BY surname ORDER BY n DESC LIMIT 1",
    [companyId],
  );
  await closeDb();
  const [top] = rows as Array<{ surname: string; n: number; total: number }>;
  if (!top) throw new Error("no customers to search");
  return { surname: top.surname, count: Number(top.n), customers: Number(top.total) };
}

/** Bookings of the company starting in those UTC days (a close count of what the month view covers). */
async function bookingsIn(companyId: string, from: string, to: string): Promise<number> {
  const { getPool, closeDb } = await import("@/lib/db/client");
  const [rows] = await getPool().query(
    "SELECT COUNT(*) AS n FROM appointments WHERE company_id = ? AND start_at >= ? AND start_at < DATE_ADD(?, INTERVAL 1 DAY)",
    [companyId, from, to],
  );
  await closeDb();
  return Number((rows as Array<{ n: number }>)[0]?.n ?? 0);
}

/** The dashboard's JavaScript on the wire (gzip) and decoded, as `npm run bench:pages` measures every page. */
async function dashboardJs(): Promise<PageJs> {
  const browser = await launchChromium();
  try {
    const cookies = await signInCookies(browser, base, "owner@acme.test", process.env.DEMO_PASSWORD ?? "switchboard-demo");
    return await measurePageJs(browser, base, "/dashboard", cookies);
  } finally {
    await browser.close();
  }
}

await seedBenchData(calls, customers);
const app = await startBenchApp();
try {
  const { key, companyId } = await acmeBenchKey(["dashboard:read", "calls:read", "customers:read", "appointments:read", "analytics:read"]);
  const auth = { authorization: `Bearer ${key}` };
  const fresh = { ...auth, "cache-control": "no-cache" };
  const cursor = await deepCursor(companyId);
  const common = await commonSurname(companyId);
  // The current month as the month view asks for it: its full weeks (35 or 42 local days).
  const { viewDays } = await import("@/app/(app)/calendar/_components/calendar-dates");
  const monthDays = viewDays("month", new Date().toISOString().slice(0, 10));
  const [monthFrom, monthTo] = [monthDays[0]!, monthDays[monthDays.length - 1]!];
  const monthBookings = await bookingsIn(companyId, monthFrom, monthTo);
  const yearAgo = new Date(Date.now() - 364 * 86_400_000).toISOString().slice(0, 10);
  const todayUtc = new Date().toISOString().slice(0, 10);

  // The rollup-backed aggregates against the calls first page, interleaved, all uncached.
  const [aggFirst, overview90, kpis365, trendsWeek365] = withOverview
    ? await timedTogether(
        [
          "/api/v1/calls?limit=25",
          "/api/v1/dashboard/overview?range=90d",
          `/api/v1/analytics/kpis?from=${yearAgo}&to=${todayUtc}`,
          `/api/v1/analytics/trends?metric=conversion&interval=week&from=${yearAgo}&to=${todayUtc}`,
        ],
        fresh,
        // The analytics endpoint group allows 50 an hour × the tier (acme: PRO, 150): two paths × (10 + 40) fit.
        Math.min(requests, 40),
      )
    : [skipped, skipped, skipped, skipped];
  // Printed at once: a later row failing (a 503 when the machine is overloaded) does not lose these.
  if (withOverview)
    for (const [name, r] of [
      ["calls list, first page", aggFirst!],
      ["overview 90d", overview90!],
      ["analytics KPIs 365d", kpis365!],
      ["analytics trends by week 365d", trendsWeek365!],
    ] as const)
      console.log(
        `${name.padEnd(32)} uncached, interleaved: p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms; / calls first page: p50 ${(r.p50 / aggFirst!.p50).toFixed(2)}×, p95 ${(r.p95 / aggFirst!.p95).toFixed(2)}×  (target p95 ≤ 3×)`,
      );

  // The rows the targets compare are measured together, interleaved (see timedTogether).
  const [callsFirst, searchCommon, monthSummary] = await timedTogether(
    [
      "/api/v1/calls?limit=25",
      `/api/v1/customers?q=${encodeURIComponent(common.surname)}&limit=25`,
      `/api/v1/appointments/summary?from=${monthFrom}&to=${monthTo}&perDay=3`,
    ],
    fresh,
  );
  const rows: Array<[string, Awaited<ReturnType<typeof timed>>]> = [
    ["calls list, first page (uncached)", callsFirst!],
    ["calls list, deep cursor (uncached)", await timed(`/api/v1/calls?limit=25&cursor=${cursor}`, fresh)],
    ["calls list, first page (cached)", await timed("/api/v1/calls?limit=25", auth)],
    ["overview 90d (uncached)", overview90!],
    ["overview 90d (cached)", withOverview ? await timed("/api/v1/dashboard/overview?range=90d", auth) : skipped],
    [`customer search "${common.surname}" (uncached)`, searchCommon!],
    ["calendar month summary (uncached)", monthSummary!],
    [
      "calendar month, every booking (uncached)",
      await timed(`/api/v1/appointments?from=${monthFrom}&to=${monthTo}`, fresh, Math.min(requests, 50)),
    ],
    ["analytics KPIs 365d (uncached)", kpis365!],
    ["analytics trends by week 365d (uncached)", trendsWeek365!],
    ["calls list, first page (beside the above)", aggFirst!],
  ];
  const js = await dashboardJs();

  console.log(`\nAPI benchmark — ${calls} calls seeded, ${requests} sequential requests per row, production build, loopback\n`);
  console.log(
    `client: ${process.env.BENCH_CLIENT === "fetch" ? "fetch (undici)" : "node:http, one kept-alive socket"}; sequential requests`,
  );
  console.log("scenario".padEnd(40), "p50 ms".padStart(9), "p95 ms".padStart(9), "  X-Cache");
  for (const [name, r] of rows) console.log(name.padEnd(40), r.p50.toFixed(1).padStart(9), r.p95.toFixed(1).padStart(9), " ", r.cache);
  const [first, deep, , ovU, ovC, search, month, monthAll] = rows.map((r) => r[1]);
  console.log(`\ndeep cursor / first page p50: ${(deep!.p50 / first!.p50).toFixed(2)}×  (keyset: should stay near 1)`);
  console.log(`overview uncached / cached p50: ${(ovU!.p50 / ovC!.p50).toFixed(1)}×`);
  console.log(
    `customer search (${common.count} of ${common.customers} customers named ${common.surname}) / calls first page, uncached: p50 ${(search!.p50 / first!.p50).toFixed(2)}×, p95 ${(search!.p95 / first!.p95).toFixed(2)}×  (target ≤ 2×)`,
  );
  console.log(
    `calendar month summary (${monthFrom} – ${monthTo}, ${monthBookings} bookings) / calls first page, uncached: p50 ${(month!.p50 / first!.p50).toFixed(2)}×, p95 ${(month!.p95 / first!.p95).toFixed(2)}×  (target ≤ 2×)`,
  );
  console.log(
    `  before: every booking of those days (what the month view asked for until the summary; at most 2 000 an answer): p50 ${(monthAll!.p50 / first!.p50).toFixed(2)}×, p95 ${(monthAll!.p95 / first!.p95).toFixed(2)}×`,
  );
  const kb = (n: number) => (n / 1024).toFixed(0);
  console.log(
    `dashboard JavaScript (gzip on the wire / decoded): first load ${kb(sum(js.initial, "wire"))} / ${kb(sum(js.initial, "decoded"))} KB, ` +
      `then the chart in view ${kb(sum(js.later, "wire"))} / ${kb(sum(js.later, "decoded"))} KB; every page: npm run bench:pages`,
  );
} finally {
  app.stop();
}
process.exit(0);
