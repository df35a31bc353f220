import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import autocannon from "autocannon";
import { loadLocalEnv } from "../../scripts/lib/local-env";
import { waitForHttp } from "../../scripts/lib/wait-for-http";

/**
 * The production build on its own database, Redis db and ports, for benchmarks: nothing they do
 * touches dev or test data. Loopback only; each load phase is bounded in time.
 */
/** TEST_SLOT=n (1–9) runs the bench on that slot's database, Redis db and ports (as the tests do), beside other checkouts. */
const SLOT = Math.max(0, Math.min(9, Number(process.env.TEST_SLOT ?? 0) || 0));
export const BENCH = {
  port: Number(process.env.BENCH_PORT ?? (SLOT ? 3100 + 100 * SLOT : 3129)),
  bridgePort: Number(process.env.BENCH_BRIDGE_PORT ?? (SLOT ? 18079 + 100 * SLOT : 18129)),
  seconds: Number(process.env.BENCH_SECONDS ?? 8),
  connections: Number(process.env.BENCH_CONNECTIONS ?? 16),
};
export const base = `http://127.0.0.1:${BENCH.port}`;
const BENCH_METRICS_TOKEN = "bench-metrics-token-not-a-secret-0001";

/**
 * Redis round trips the server's gateway made for its decisions so far, over either transport
 * (switchboard_gateway_redis_trips_total): over TCP they never pass the bridge. Reading it costs one
 * decision itself (the scrape is limited per IP), which callers subtract.
 */
export async function gatewayTrips(): Promise<number> {
  const res = await fetch(`${base}/api/metrics`, { headers: { authorization: `Bearer ${BENCH_METRICS_TOKEN}` } });
  const text = await res.text();
  let n = 0;
  for (const m of text.matchAll(/^switchboard_gateway_redis_trips_total\{[^}]*\} (\d+)/gm)) n += Number(m[1]);
  return n;
}

export function benchEnv(): void {
  loadLocalEnv();
  Object.assign(process.env, {
    DATABASE_URL:
      process.env.BENCH_DATABASE_URL ?? `mysql://root@127.0.0.1:3306/${SLOT ? `switchboard_s${SLOT}_test` : "switchboard_bench"}`,
    REDIS_URL: process.env.BENCH_REDIS_URL ?? `redis://127.0.0.1:6379/${SLOT ? 1 + SLOT : 2}`,
    BRIDGE_PORT: String(BENCH.bridgePort),
    UPSTASH_REDIS_REST_URL: `http://127.0.0.1:${BENCH.bridgePort}`,
    REDIS_KEY_PREFIX: "sbb:",
    LOG_LEVEL: "warn",
    NEXT_TELEMETRY_DISABLED: "1",
    // For reading the server's own counters (gatewayTrips) from /api/metrics.
    METRICS_TOKEN: BENCH_METRICS_TOKEN,
  });
}

async function ensureBuild(): Promise<void> {
  if (existsSync(".next/BUILD_ID")) return;
  console.log("• no production build: running next build …");
  await new Promise<void>((resolve, reject) =>
    spawn(process.execPath, ["node_modules/next/dist/bin/next", "build"], { stdio: "inherit" }).on("exit", (c) =>
      c === 0 ? resolve() : reject(new Error("build failed")),
    ),
  );
}

/**
 * Builds if needed, starts `npm start` (migrations, bridge, worker, Next) and waits until it is ready.
 * `env`: extra variables for this start (bench/tracing.ts switches tracing with them).
 */
export async function startBenchApp(
  env: Record<string, string> = {},
): Promise<{ stop(): void; stopAndWait(): Promise<void>; stopped: Promise<void> }> {
  await ensureBuild();
  const server: ChildProcess = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    // The demo by name: the local fakes and this machine's generated secrets; the benches seed their own data.
    env: { ...process.env, PORT: String(BENCH.port), SWITCHBOARD_DEMO: "1", SEED_IF_EMPTY: "false", ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const kill = () => {
    if (server.exitCode === null) server.kill("SIGTERM");
  };
  process.on("exit", kill);
  const stopped = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  await waitForHttp(`${base}/api/health/ready`, 180_000, () => server.exitCode === null);
  /** SIGTERM, resolved once the launcher (and so its bridge, worker and Next) has exited. */
  const stopAndWait = () =>
    new Promise<void>((resolve) => {
      if (server.exitCode !== null) return resolve();
      server.once("exit", () => resolve());
      kill();
    });
  return { stop: kill, stopAndWait, stopped };
}

/** HTTP round trips the app made to Redis so far (counted by the bridge). */
export async function bridgeRequests(): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${BENCH.bridgePort}/__bridge/stats`, {
    headers: { authorization: `Bearer ${process.env.UPSTASH_REDIS_REST_TOKEN}` },
  });
  const body = (await res.json()) as { result?: { requests: number }; requests?: number };
  return body.result?.requests ?? body.requests ?? Number.NaN;
}

export interface LoadResult {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  /** Round trips to Redis through the REST bridge (the app's REST client: cache, metrics flush; the gateway when its transport is REST). */
  tripsPerRequest: number;
  /** The gateway's own decision trips (either transport). */
  gatewayTripsPerRequest: number;
}

/** A 2 s warm-up, then BENCH.seconds of load with BENCH.connections connections. */
export async function load(name: string, path: string, headers: Record<string, string> = {}): Promise<LoadResult> {
  const url = base + path;
  await autocannon({ url, connections: BENCH.connections, duration: 2, headers });
  const before = await bridgeRequests();
  const gwBefore = await gatewayTrips();
  const r = await autocannon({ url, connections: BENCH.connections, duration: BENCH.seconds, headers });
  // Requests still in flight when the load stops were sent and make their trips: let them land, count them.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const trips = (await bridgeRequests()) - before;
  // The first read's own decision is in gwBefore; the second's is counted before it answers: minus one.
  const gwTrips = (await gatewayTrips()) - gwBefore - 1;
  const total = r.requests.sent;
  return {
    name,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx + r.errors,
    tripsPerRequest: total ? trips / total : 0,
    gatewayTripsPerRequest: total ? gwTrips / total : 0,
  };
}

export function printTable(title: string, rows: LoadResult[]): void {
  console.log(
    `\n${title} — ${BENCH.connections} connections × ${BENCH.seconds} s each, production build, loopback; load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores\n`,
  );
  console.log(
    "scenario".padEnd(44),
    "req/s".padStart(9),
    "p50 ms".padStart(8),
    "p99 ms".padStart(8),
    "non-2xx".padStart(8),
    "bridge trips/req".padStart(17),
    "gateway trips/req".padStart(18),
  );
  for (const r of rows) {
    console.log(
      r.name.padEnd(44),
      r.rps.toFixed(0).padStart(9),
      String(r.p50).padStart(8),
      String(r.p99).padStart(8),
      String(r.non2xx).padStart(8),
      r.tripsPerRequest.toFixed(3).padStart(17),
      r.gatewayTripsPerRequest.toFixed(3).padStart(18),
    );
  }
}

export interface Scenario {
  name: string;
  path: string;
  headers?: Record<string, string>;
}

/**
 * The scenarios measured in turns (BENCH_ROUNDS rounds of BENCH.seconds ÷ rounds each, after a 2 s
 * warm-up of every one), so a change in the machine's load from other work spreads over all of them
 * instead of landing on one: their ratios are what the benches report. req/s over all rounds, p50 the
 * median of the rounds', p99 the worst round's.
 */
export async function loadInterleaved(scenarios: Scenario[], rounds = Number(process.env.BENCH_ROUNDS ?? 4)): Promise<LoadResult[]> {
  for (const s of scenarios)
    await autocannon({ url: base + s.path, connections: BENCH.connections, duration: 2, headers: s.headers ?? {} });
  const acc = scenarios.map(() => ({ sent: 0, done: 0, seconds: 0, p50: [] as number[], p99: 0, non2xx: 0, trips: 0, gwTrips: 0 }));
  const seconds = Math.max(1, Math.round(BENCH.seconds / rounds));
  for (let round = 0; round < rounds; round++) {
    for (const [i, s] of scenarios.entries()) {
      const before = await bridgeRequests();
      const gwBefore = await gatewayTrips();
      const r = await autocannon({ url: base + s.path, connections: BENCH.connections, duration: seconds, headers: s.headers ?? {} });
      await new Promise((resolve) => setTimeout(resolve, 500));
      const a = acc[i]!;
      a.trips += (await bridgeRequests()) - before;
      a.gwTrips += (await gatewayTrips()) - gwBefore - 1;
      a.sent += r.requests.sent;
      a.done += r.requests.total;
      a.seconds += r.duration;
      a.p50.push(r.latency.p50);
      a.p99 = Math.max(a.p99, r.latency.p99);
      a.non2xx += r.non2xx + r.errors;
    }
  }
  return scenarios.map((s, i) => {
    const a = acc[i]!;
    const p50s = [...a.p50].sort((x, y) => x - y);
    return {
      name: s.name,
      rps: a.done / a.seconds,
      p50: p50s[Math.floor(p50s.length / 2)] ?? 0,
      p99: a.p99,
      non2xx: a.non2xx,
      tripsPerRequest: a.sent ? a.trips / a.sent : 0,
      gatewayTripsPerRequest: a.sent ? a.gwTrips / a.sent : 0,
    };
  });
}
