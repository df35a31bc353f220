/**
 * `npm run bench:bridge`: what the REST bridge costs compared with talking to Redis directly.
 *
 * In one run, against the local Redis (loopback only): N sequential SETs and GETs, then pipelined
 * batches, through (a) ioredis over TCP and (b) @upstash/redis → bridge → Redis. The bridge runs in
 * this process; for sequential round trips that costs nothing extra (client and server never run at
 * the same time). Every phase has a time budget so the whole run stays well under 30 s. Last, what
 * the bridge's allowlist and script check cost per command, in process (no Redis involved).
 *
 *   BENCH_N=5000 BENCH_BATCH=1000 BENCH_REDIS_URL=redis://127.0.0.1:6379/1 tsx bench/bridge.ts
 */
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { Redis as UpstashRedis } from "@upstash/redis";
import { Redis as IORedis } from "ioredis";
import { SCRIPT_COMMANDS } from "@/lib/redis/bridge/allowlist";
import { checkScript } from "@/lib/redis/bridge/lua-check";
import { refusal } from "@/lib/redis/bridge/policy";
import { startBridge } from "@/lib/redis/bridge/server";
import { GATEWAY_SCRIPT } from "@/lib/gateway/rate-limit/script";

const N = Number(process.env.BENCH_N ?? 5_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 1_000);
const BATCHES = Number(process.env.BENCH_BATCHES ?? 20);
const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379/1";
const PHASE_BUDGET_MS = 3_500;
const WARMUP = 300;

interface Result {
  ops: number;
  seconds: number;
  latencies: number[];
}

/** Runs `op` up to `count` times, one after another, stopping early when the budget is spent. */
async function measure(count: number, op: (i: number) => Promise<unknown>): Promise<Result> {
  for (let i = 0; i < Math.min(WARMUP, count); i++) await op(i);
  const latencies: number[] = [];
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    await op(i);
    latencies.push(performance.now() - t);
    if (t - start > PHASE_BUDGET_MS) break;
  }
  return { ops: latencies.length, seconds: (performance.now() - start) / 1000, latencies };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function summarize(r: Result, opsPerCall: number) {
  const sorted = [...r.latencies].sort((a, b) => a - b);
  return { opsPerSec: (r.ops * opsPerCall) / r.seconds, p50: percentile(sorted, 50), p99: percentile(sorted, 99), calls: r.ops };
}

/** Nanoseconds per call of `fn`, over enough calls to take ~200 ms. */
function nsPerCall(fn: (i: number) => unknown): number {
  let calls = 1_000;
  for (;;) {
    const start = performance.now();
    for (let i = 0; i < calls; i++) fn(i);
    const elapsed = performance.now() - start;
    if (elapsed > 200) return (elapsed * 1e6) / calls;
    calls *= 4;
  }
}

const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const ms = (n: number) => `${fmt(n, 3)} ms`;

async function main(): Promise<void> {
  const token = randomUUID();
  const prefix = `bench:${randomUUID()}:`;
  const direct = new IORedis(REDIS_URL, { lazyConnect: true });
  await direct.connect();
  const bridge = await startBridge({ redisUrl: REDIS_URL, token, port: 0 });
  // Configured as the app's client (lib/redis/client.ts): auto-pipelining on, as by default.
  const rest = new UpstashRedis({ url: bridge.url, token, enableTelemetry: false });
  const value = "x".repeat(100);
  const key = (i: number) => `${prefix}${i % 1_000}`;

  const rows: Array<{ name: string; direct: ReturnType<typeof summarize>; bridge: ReturnType<typeof summarize> }> = [];
  const runBoth = async (
    name: string,
    opsPerCall: number,
    d: (i: number) => Promise<unknown>,
    b: (i: number) => Promise<unknown>,
    count: number,
  ) => {
    const directResult = summarize(await measure(count, d), opsPerCall);
    const bridgeResult = summarize(await measure(count, b), opsPerCall);
    rows.push({ name, direct: directResult, bridge: bridgeResult });
  };

  try {
    bridge.resetStats();
    await runBoth(
      "SET (sequential)",
      1,
      (i) => direct.set(key(i), value),
      (i) => rest.set(key(i), value),
      N,
    );
    await runBoth(
      "GET (sequential)",
      1,
      (i) => direct.get(key(i)),
      (i) => rest.get(key(i)),
      N,
    );
    await runBoth(
      `pipeline of ${BATCH} SETs`,
      BATCH,
      async () => {
        const p = direct.pipeline();
        for (let j = 0; j < BATCH; j++) p.set(key(j), value);
        await p.exec();
      },
      async () => {
        const p = rest.pipeline();
        for (let j = 0; j < BATCH; j++) p.set(key(j), value);
        await p.exec();
      },
      BATCHES,
    );
    const stats = bridge.stats();

    console.log(`\nREST bridge vs direct TCP — ${REDIS_URL}, loopback, value ${value.length} B, Node ${process.version}\n`);
    const header = ["", "direct ops/s", "p50", "p99", "bridge ops/s", "p50", "p99", "bridge/direct p50", "throughput"];
    const table = rows.map((r) => [
      r.name,
      fmt(r.direct.opsPerSec),
      ms(r.direct.p50),
      ms(r.direct.p99),
      fmt(r.bridge.opsPerSec),
      ms(r.bridge.p50),
      ms(r.bridge.p99),
      `${fmt(r.bridge.p50 / r.direct.p50, 1)}×`,
      `${fmt((100 * r.bridge.opsPerSec) / r.direct.opsPerSec, 0)} %`,
    ]);
    const widths = header.map((h, c) => Math.max(h.length, ...table.map((row) => (row[c] ?? "").length)));
    const line = (cells: string[]) =>
      cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join("  ");
    console.log(line(header));
    for (const row of table) console.log(line(row));
    console.log(
      `\n(latency is per call: one command when sequential, one whole batch for pipelines; calls measured: ${rows.map((r) => `${r.name.split(" ")[0]}=${r.bridge.calls}`).join(", ")})`,
    );
    console.log(`bridge counters: ${stats.requests} HTTP requests, ${stats.commands} commands, ${stats.redisErrors} errors\n`);

    const commands: Array<[string, ...string[]]> = [
      ["SET", "k", "v"],
      ["get", "k"],
      ["EVALSHA", "0".repeat(40), "0"],
      ["SCRIPT", "LOAD", "x"],
      ["FLUSHALL"],
    ];
    const allowlist = nsPerCall((i) => refusal(commands[i % commands.length] as [string, ...string[]]));
    const check = nsPerCall(() => checkScript(GATEWAY_SCRIPT, SCRIPT_COMMANDS));
    const sequentialP50 = rows[0]?.bridge.p50 ?? NaN;
    console.log(
      `allowlist check: ${fmt(allowlist, 0)} ns per command (${fmt((100 * allowlist) / (sequentialP50 * 1e6), 3)} % of a sequential SET's p50 through the bridge)`,
    );
    console.log(
      `static script check of the gateway script (${GATEWAY_SCRIPT.length} chars): ${fmt(check / 1000, 1)} µs, once per script and bridge process (EVALSHA then only looks the SHA up)\n`,
    );
  } finally {
    const keys = await direct.keys(`${prefix}*`);
    if (keys.length > 0) await direct.del(...keys);
    await bridge.close();
    direct.disconnect();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
