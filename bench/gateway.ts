/**
 * `npm run bench:gateway`: what the gateway costs, measured in one run against the production build.
 *
 *   a. a route with no middleware      GET /api/health   (excluded by the middleware matcher)
 *   b. the middleware passing through  GET /api/ping     (request id, header hygiene, no auth/limits)
 *   c. the full pipeline               GET /api/v1/ping  (API key → one Redis trip: key, company, layers → signed context → verified in the handler)
 *
 * Prints req/s, p50/p99, the ratios, and Redis round trips per request counted at the bridge.
 * Target: c ≥ 0.8× b and exactly one round trip.   BENCH_SECONDS=8 BENCH_CONNECTIONS=16 npm run bench:gateway
 */
import { benchEnv, load, printTable, startBenchApp } from "./lib/bench-app";
import { seedBenchKey } from "./lib/bench-key";

benchEnv();
const app = await startBenchApp();
try {
  const key = await seedBenchKey();

  const a = await load("no middleware", "/api/health");
  const b = await load("middleware pass-through", "/api/ping");
  const c = await load("full pipeline (API key, all layers)", "/api/v1/ping", { authorization: `Bearer ${key}` });
  printTable("Gateway benchmark", [a, b, c]);
  console.log(`\npass-through / no middleware: ${(b.rps / a.rps).toFixed(2)}×`);
  console.log(`full pipeline / pass-through: ${(c.rps / b.rps).toFixed(2)}×   (target ≥ 0.80×)`);
  console.log(
    `Redis round trips per full-pipeline request: ${c.tripsPerRequest.toFixed(3)}   (target 1; the rest is the metrics flush, once a second)`,
  );
} finally {
  app.stop();
}
process.exit(0);
