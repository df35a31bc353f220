import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
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
  tripsPerRequest: number;
}

/** A 2 s warm-up, then BENCH.seconds of load with BENCH.connections connections. */
export async function load(name: string, path: string, headers: Record<string, string> = {}): Promise<LoadResult> {
  const url = base + path;
  await autocannon({ url, connections: BENCH.connections, duration: 2, headers });
  const before = await bridgeRequests();
  const r = await autocannon({ url, connections: BENCH.connections, duration: BENCH.seconds, headers });
  const trips = (await bridgeRequests()) - before;
  const total = r.requests.total;
  return {
    name,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx + r.errors,
    tripsPerRequest: total ? trips / total : 0,
  };
}

export function printTable(title: string, rows: LoadResult[]): void {
  console.log(`\n${title} — ${BENCH.connections} connections × ${BENCH.seconds} s each, production build, loopback\n`);
  console.log(
    "scenario".padEnd(44),
    "req/s".padStart(9),
    "p50 ms".padStart(8),
    "p99 ms".padStart(8),
    "non-2xx".padStart(8),
    "Redis trips/req".padStart(16),
  );
  for (const r of rows) {
    console.log(
      r.name.padEnd(44),
      r.rps.toFixed(0).padStart(9),
      String(r.p50).padStart(8),
      String(r.p99).padStart(8),
      String(r.non2xx).padStart(8),
      r.tripsPerRequest.toFixed(3).padStart(16),
    );
  }
}
