/**
 * `npm run bench:gateway`: what the gateway costs, measured in one run against the production build.
 *
 *   a. a route with no middleware      GET /api/health   (excluded by the middleware matcher)
 *   b. the middleware passing through  GET /api/ping     (request id, header hygiene, no auth/limits)
 *   c. the full pipeline               GET /api/v1/ping  (API key → one Redis trip: key, company, layers → signed context → verified in the handler)
 *
 * Prints req/s, p50/p99, the ratios, and Redis round trips per request counted at the bridge.
 * Target: c ≥ 0.8× b and exactly one round trip. Loopback only; bounded in time.
 *
 *   BENCH_SECONDS=8 BENCH_CONNECTIONS=16 npm run bench:gateway
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import autocannon from "autocannon";
import { loadLocalEnv } from "../scripts/lib/local-env";
import { waitForHttp } from "../scripts/lib/wait-for-http";

const PORT = Number(process.env.BENCH_PORT ?? 3129);
const BRIDGE_PORT = Number(process.env.BENCH_BRIDGE_PORT ?? 18129);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const base = `http://127.0.0.1:${PORT}`;

loadLocalEnv();
Object.assign(process.env, {
  DATABASE_URL: process.env.BENCH_DATABASE_URL ?? "mysql://root@127.0.0.1:3306/switchboard_bench",
  REDIS_URL: process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379/2",
  BRIDGE_PORT: String(BRIDGE_PORT),
  UPSTASH_REDIS_REST_URL: `http://127.0.0.1:${BRIDGE_PORT}`,
  REDIS_KEY_PREFIX: "sbb:",
  LOG_LEVEL: "warn",
  NEXT_TELEMETRY_DISABLED: "1",
});

if (!existsSync(".next/BUILD_ID")) {
  console.log("• no production build: running next build …");
  await new Promise<void>((resolve, reject) =>
    spawn(process.execPath, ["node_modules/next/dist/bin/next", "build"], { stdio: "inherit" }).on("exit", (c) => (c === 0 ? resolve() : reject(new Error("build failed")))),
  );
}

const server = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
  env: { ...process.env, PORT: String(PORT), SEED_IF_EMPTY: "false" },
  stdio: ["ignore", "ignore", "inherit"],
});
const stop = () => server.exitCode === null && server.kill("SIGTERM");
process.on("exit", stop);

try {
  await waitForHttp(`${base}/api/health`, 180_000, () => server.exitCode === null);

  // An UNLIMITED company with limits far above what a few seconds of load can reach.
  const { seedCompany, seedUser, seedMembership } = await import("../tests/helpers/seed-rows");
  const { createApiKey } = await import("@/lib/services/api-keys/create-api-key");
  const huge = 1_000_000_000;
  const companyId = await seedCompany({ tier: "UNLIMITED", limitOverrides: { company: { perHour: huge }, endpoint: { dashboard: huge } } });
  const user = await seedUser();
  await seedMembership(companyId, user.id, "owner");
  const { key } = await createApiKey({ companyId, actor: { userId: user.id, apiKeyId: null, role: "owner", scopes: null, isPlatformAdmin: false, ip: null, requestId: "bench" }, name: "bench", scopes: ["dashboard:read"] });
  const { closeDb } = await import("@/lib/db/client");
  await closeDb();

  const bridgeStats = async () => {
    const res = await fetch(`http://127.0.0.1:${BRIDGE_PORT}/__bridge/stats`, { headers: { authorization: `Bearer ${process.env.UPSTASH_REDIS_REST_TOKEN}` } });
    const body = (await res.json()) as { result?: { requests: number }; requests?: number };
    return body.result?.requests ?? body.requests ?? NaN;
  };

  async function load(name: string, path: string, headers: Record<string, string> = {}) {
    await autocannon({ url: base + path, connections: CONNECTIONS, duration: 2, headers }); // warm-up (JIT, script load)
    const before = await bridgeStats();
    const r = await autocannon({ url: base + path, connections: CONNECTIONS, duration: SECONDS, headers });
    const trips = (await bridgeStats()) - before;
    const total = r.requests.total;
    return { name, path, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx + r.errors, tripsPerRequest: total ? trips / total : 0 };
  }

  const a = await load("no middleware", "/api/health");
  const b = await load("middleware pass-through", "/api/ping");
  const c = await load("full pipeline (API key, all layers)", "/api/v1/ping", { authorization: `Bearer ${key}` });

  console.log(`\nGateway benchmark — ${CONNECTIONS} connections × ${SECONDS} s each, production build, loopback\n`);
  console.log("scenario".padEnd(40), "req/s".padStart(9), "p50 ms".padStart(8), "p99 ms".padStart(8), "non-2xx".padStart(8), "Redis trips/req".padStart(16));
  for (const r of [a, b, c]) {
    console.log(r.name.padEnd(40), r.rps.toFixed(0).padStart(9), String(r.p50).padStart(8), String(r.p99).padStart(8), String(r.non2xx).padStart(8), r.tripsPerRequest.toFixed(3).padStart(16));
  }
  console.log(`\npass-through / no middleware: ${(b.rps / a.rps).toFixed(2)}×`);
  console.log(`full pipeline / pass-through: ${(c.rps / b.rps).toFixed(2)}×   (target ≥ 0.80×)`);
  console.log(`Redis round trips per full-pipeline request: ${c.tripsPerRequest.toFixed(3)}   (target 1)`);
} finally {
  stop();
}
process.exit(0);
