/**
 * `npm run bench:gateway`: what the gateway costs, measured in one run against the production build
 * (`npm start`: proxy.ts on Node, the decision over TCP unless GATEWAY_REDIS_TRANSPORT=rest).
 *
 *   a. a route with no gateway         GET /api/health   (excluded by the proxy's matcher)
 *   b. the gateway passing through     GET /api/ping     (request id, header hygiene, no auth/limits)
 *   c. the full pipeline               GET /api/v1/ping  (API key → one Redis trip: key, company, layers → signed context → verified in the handler)
 *   d. a cache HIT                     GET /api/v1/dashboard/overview?range=7d with the same key (c + the cache's read)
 *
 * Measured in turns (BENCH_ROUNDS, default 4) so the machine's other load spreads over all four.
 * Prints req/s, p50/p99, Redis round trips per request (the gateway's, from its own counter, and
 * the app's REST ones counted at the bridge) and the ratios of issue 14's targets table.
 *   BENCH_SECONDS=8 BENCH_CONNECTIONS=16 TEST_SLOT=4 npm run bench:gateway
 */
import { benchEnv, loadInterleaved, printTable, startBenchApp, type LoadResult } from "./lib/bench-app";
import { seedBenchKey } from "./lib/bench-key";

benchEnv();
const app = await startBenchApp();
try {
  const key = await seedBenchKey();
  const auth = { authorization: `Bearer ${key}` };

  const [a, b, c, d] = (await loadInterleaved([
    { name: "no gateway (bare route)", path: "/api/health" },
    { name: "gateway pass-through", path: "/api/ping" },
    { name: "full pipeline (API key, all layers)", path: "/api/v1/ping", headers: auth },
    { name: "cache HIT (overview 7d, API key)", path: "/api/v1/dashboard/overview?range=7d", headers: auth },
  ])) as [LoadResult, LoadResult, LoadResult, LoadResult];
  printTable(`Gateway benchmark (decision transport: ${process.env.GATEWAY_REDIS_TRANSPORT ?? "tcp"})`, [a, b, c, d]);
  const row = (name: string, value: string, target: string) => console.log(`${name.padEnd(46)}${value.padStart(8)}   target ${target}`);
  console.log("");
  row("pass-through ÷ bare route", `${(b.rps / a.rps).toFixed(2)}×`, "—");
  row("full pipeline ÷ bare route", `${(c.rps / a.rps).toFixed(2)}×`, "≥ 0.6×");
  row("full pipeline ÷ pass-through", `${(c.rps / b.rps).toFixed(2)}×`, "≥ 0.85×");
  row("Redis round trips per gateway decision", c.gatewayTripsPerRequest.toFixed(3), "1");
  row("  + the app's REST trips per request (bridge)", c.tripsPerRequest.toFixed(3), "0 (metrics flush once a second)");
  row("cache HIT ÷ bare route", `${(d.rps / a.rps).toFixed(2)}×`, "≥ 0.95×");
  // What a HIT adds to the same gateway in front of an empty handler: the cache read, the period, the shaping.
  row("  cache HIT ÷ full pipeline (same gateway, /api/v1/ping)", `${(d.rps / c.rps).toFixed(2)}×`, "—");
  row("  cache HIT: REST trips per request (bridge)", d.tripsPerRequest.toFixed(3), "—");
  const errors = [a, b, c, d].filter((r) => r.non2xx > 0);
  if (errors.length) console.log(`\nnon-2xx answers in: ${errors.map((r) => `${r.name} (${r.non2xx})`).join(", ")}`);
} finally {
  app.stop();
  await app.stopped;
}
process.exit(0);
