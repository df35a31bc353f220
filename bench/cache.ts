/**
 * `npm run bench:cache`: what the cache buys, in one run against the production build on seeded data.
 * Every request goes through the full pipeline with an API key; the only difference between the
 * cached and uncached rows is `Cache-Control: no-cache` (X-Cache: BYPASS → the loader runs every time).
 *
 *   BENCH_CALLS=20000 BENCH_SECONDS=8 npm run bench:cache
 */
import { acmeBenchKey, seedBenchData } from "./lib/acme-key";
import { benchEnv, load, printTable, startBenchApp } from "./lib/bench-app";

benchEnv();
const calls = Number(process.env.BENCH_CALLS ?? 20_000);

// Seed before the app starts so its first requests see the data.
await seedBenchData(calls);

const app = await startBenchApp();
try {
  const { key } = await acmeBenchKey(["dashboard:read", "calls:read"]);

  const auth = { authorization: `Bearer ${key}` };
  const fresh = { ...auth, "cache-control": "no-cache" };
  const bare = await load("bare route (GET /api/v1/ping)", "/api/v1/ping", auth);
  const ovU = await load("overview 90d, uncached (BYPASS)", "/api/v1/dashboard/overview?range=90d", fresh);
  const ovC = await load("overview 90d, cached (HIT)", "/api/v1/dashboard/overview?range=90d", auth);
  const lsU = await load("calls list page 1, uncached (BYPASS)", "/api/v1/calls?limit=25", fresh);
  const lsC = await load("calls list page 1, cached (HIT)", "/api/v1/calls?limit=25", auth);
  printTable(`Cache benchmark (${calls} calls seeded)`, [bare, ovU, ovC, lsU, lsC]);
  console.log(`\noverview: cached / uncached throughput ${(ovC.rps / ovU.rps).toFixed(2)}×, p50 ${ovU.p50} → ${ovC.p50} ms`);
  console.log(`calls list: cached / uncached throughput ${(lsC.rps / lsU.rps).toFixed(2)}×, p50 ${lsU.p50} → ${lsC.p50} ms`);
  console.log(
    `cache hit vs bare route: overview ${(ovC.rps / bare.rps).toFixed(2)}× the bare route's req/s, calls ${(lsC.rps / bare.rps).toFixed(2)}×`,
  );
} finally {
  app.stop();
}
process.exit(0);
