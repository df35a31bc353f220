/**
 * `npm run bench:tracing`: what tracing costs a handler route, in one run against the production build —
 * the same app started four times: tracing off (the default), on (OTLP/HTTP export to a local sink that
 * accepts and drops, plus the slowest-requests store), sampled 10 % (`parentbased_traceidratio` 0.1,
 * export and store see the same tenth) and the store alone (`TRACING_SLOWEST=1`, no backend). Each mode
 * is loaded twice, in the order off, on, 10 %, store, then again, and the ratios against "off" are
 * printed. The route is the calls list, uncached (`Cache-Control: no-cache`): its SQL, Redis trips and
 * cache span are traced on every request — the worst case for a handler; plus the bare `/api/v1/ping`.
 *
 *   BENCH_CALLS=20000 BENCH_SECONDS=8 npm run bench:tracing
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { acmeBenchKey, seedBenchData } from "./lib/acme-key";
import { benchEnv, load, printTable, startBenchApp, type LoadResult } from "./lib/bench-app";

benchEnv();

/**
 * Off, measured directly: with no SDK registered (the default), the tracing calls a calls-list request
 * makes — its request span, the cache's span, the Redis middleware's check per REST trip, the store's
 * company note, the log line's trace id — are `@opentelemetry/api` no-ops. Timed here in this process
 * (no SDK is registered in the bench's own process), as ns per request, against the request's own time.
 */
async function offPathNsPerRequest(): Promise<number> {
  const { inSpan, activeTraceId } = await import("@/lib/tracing/tracer");
  const { traceRedisCall } = await import("@/lib/tracing/trace-redis-call");
  const { noteTraceCompany } = await import("@/lib/tracing/slow-requests/trace-company");
  const next = async () => 1;
  const oneRequest = () =>
    inSpan("GET calls", { "http.request.method": "GET", "url.path": "/api/v1/calls" }, async () => {
      noteTraceCompany("co_1");
      await inSpan("cache calls", { "switchboard.cache.resource": "calls" }, async () => {
        await traceRedisCall({ path: ["get"], body: ["GET", "k"] }, next);
        await traceRedisCall({ path: ["pipeline"], body: [["GET", "k"]] }, next);
      });
      return activeTraceId();
    });
  for (let i = 0; i < 20_000; i++) await oneRequest();
  const n = 200_000;
  const t = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await oneRequest();
  return Number(process.hrtime.bigint() - t) / n;
}
const offNs = await offPathNsPerRequest();
const calls = Number(process.env.BENCH_CALLS ?? 20_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
await seedBenchData(calls);

// The OTLP collector: takes every export, counts it, drops it.
let exports = 0;
let exportedBytes = 0;
const sink = createServer((req, res) => {
  req.on("data", (chunk: Buffer) => (exportedBytes += chunk.length));
  req.on("end", () => {
    exports++;
    res.writeHead(200, { "content-type": "application/json" }).end("{}");
  });
});
await new Promise<void>((resolve) => sink.listen(0, "127.0.0.1", resolve));
const endpoint = `http://127.0.0.1:${(sink.address() as AddressInfo).port}`;

const MODES = {
  off: {},
  on: { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint },
  "sampled 10 %": {
    OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
    OTEL_TRACES_SAMPLER: "parentbased_traceidratio",
    OTEL_TRACES_SAMPLER_ARG: "0.1",
  },
  "store only": { TRACING_SLOWEST: "1" },
} as const satisfies Record<string, Record<string, string>>;
type Mode = keyof typeof MODES;

const results = new Map<string, LoadResult[]>();
let key = "";
for (let round = 1; round <= rounds; round++) {
  for (const [mode, env] of Object.entries(MODES) as Array<[Mode, Record<string, string>]>) {
    const app = await startBenchApp(env);
    try {
      if (!key) key = (await acmeBenchKey(["calls:read"])).key;
      const auth = { authorization: `Bearer ${key}` };
      const before = exportedBytes;
      const list = await load(`${mode}: calls list, uncached`, "/api/v1/calls?limit=25", { ...auth, "cache-control": "no-cache" });
      const ping = await load(`${mode}: ping`, "/api/v1/ping", auth);
      results.set(`list|${mode}`, [...(results.get(`list|${mode}`) ?? []), list]);
      results.set(`ping|${mode}`, [...(results.get(`ping|${mode}`) ?? []), ping]);
      printTable(
        `round ${round}, tracing ${mode}${exportedBytes > before ? ` (${((exportedBytes - before) / 1e6).toFixed(1)} MB exported)` : ""}`,
        [list, ping],
      );
    } finally {
      await app.stopAndWait();
    }
  }
}
sink.close();

const mean = (rows: LoadResult[], f: (r: LoadResult) => number) => rows.reduce((a, r) => a + f(r), 0) / rows.length;
console.log(`\nTracing cost — mean of ${rounds} round(s), ratio against tracing off (req/s: higher is better; p50: lower is better)\n`);
console.log("route / mode".padEnd(34), "req/s".padStart(8), "× off".padStart(7), "p50 ms".padStart(8), "× off".padStart(7));
for (const route of ["list", "ping"] as const) {
  const off = results.get(`${route}|off`)!;
  for (const mode of Object.keys(MODES) as Mode[]) {
    const rows = results.get(`${route}|${mode}`)!;
    const rps = mean(rows, (r) => r.rps);
    const p50 = mean(rows, (r) => r.p50);
    console.log(
      `${route === "list" ? "calls list (uncached)" : "ping"} · ${mode}`.padEnd(34),
      rps.toFixed(0).padStart(8),
      (rps / mean(off, (r) => r.rps)).toFixed(2).padStart(7),
      p50.toFixed(1).padStart(8),
      (p50 / mean(off, (r) => r.p50)).toFixed(2).padStart(7),
    );
  }
}
console.log(`\nOTLP exports received: ${exports} (${(exportedBytes / 1e6).toFixed(1)} MB)`);
const offList = mean(results.get("list|off")!, (r) => r.rps);
// A request's share of the server's time at that throughput: 1 s ÷ req/s (both cores' worth of work is in it).
console.log(
  `\ntracing off, the no-op calls one calls-list request makes (measured in this process, no SDK): ${(offNs / 1000).toFixed(2)} µs — ` +
    `${((offNs / 1e9) * offList * 100).toFixed(3)} % of a request's time at the off throughput (${offList.toFixed(0)} req/s)`,
);
process.exit(0);
