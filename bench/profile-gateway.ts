/**
 * `npm run profile:gateway`: where a gateway request's CPU goes. Runs the production build under
 * a CPU profiler (bench/lib/cpu-profile-preload.mjs, the inspector's sampling profiler as `node
 * --cpu-prof` uses it, in every process `npm start` starts: the launcher with the REST bridge, the Next
 * server, the worker), loads four routes (bare, pass-through, full pipeline, a cache HIT) one after the other as bench:gateway does, then reads the
 * profiles and attributes each sampled microsecond of each load window to one part of the request
 * path. Per request = CPU in the window ÷ requests answered in it. Redis' own time per EVALSHA comes
 * from INFO commandstats (server-wide: other users of the same redis-server add to it).
 *
 *   TEST_SLOT=4 BENCH_SECONDS=8 BENCH_CONNECTIONS=16 npm run profile:gateway
 *
 * Profiles stay in $TMPDIR/switchboard-profile-<pid> (open them in Chrome DevTools › Performance).
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import Redis from "ioredis";
import { base, BENCH, benchEnv, startBenchApp } from "./lib/bench-app";
import { breakdown, type Bucket } from "./lib/cpu-profile";
import { seedBenchKey } from "./lib/bench-key";

benchEnv();
let dir = process.argv.includes("--analyze") ? "" : mkdtempSync(path.join(tmpdir(), "switchboard-profile-"));
// Every Node process the launcher starts inherits it (Node 20 refuses --cpu-prof in NODE_OPTIONS: a preload does the same).
process.env.PROFILE_DIR = dir;
process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ""} --import ${path.resolve("bench/lib/cpu-profile-preload.mjs")}`.trim();

/**
 * Rules over every frame of a sample's stack ("<function> <url> <original source>", minified chunks
 * resolved through their source maps), first match wins. Web Crypto is told apart by its entry
 * point: the gateway hashes keys (digest) and signs the context (sign); the handler verifies (verify).
 */
const SERVER_BUCKETS: Bucket[] = [
  {
    name: "authentication + key hashing",
    match:
      /hash-token|hashToken|gateway\/authenticate|access-token|jwtVerify|^digest node:internal\/crypto\/webcrypto|^(Hash|digest|update) node:internal\/crypto\/hash/,
  },
  { name: "context signing (HMAC)", match: /^sign node:internal\/crypto\/webcrypto|signContext/ },
  { name: "handler: context verification (HMAC)", match: /^verify node:internal\/crypto\/webcrypto|verifyContext/ },
  {
    name: "decision: Redis client (REST: @upstash/redis + fetch; TCP: ioredis)",
    match:
      /%40upstash|@upstash|context\.fetch|ioredis|redis-parser|(rest|tcp)-transport|^(writeIterable|fetch|connect|onMessageComplete|dispatch)\b.*undici/,
  },
  { name: "gateway steps (lib/gateway)", match: /lib\/gateway\/|middleware\.ts|proxy\.ts/ },
  // A front answer (the server decides and answers before Next): the store lookup, the write, gzip once.
  { name: "server.ts listener + front answer (before Next)", match: /lib\/server\/(answer-before-next|front-answers)|scripts\/server\.ts/ },
  {
    name: "middleware/proxy entry (edge sandbox, adapter)",
    match:
      /compiled\/edge-runtime|server\/web\/sandbox|server\/web\/adapter|templates\/middleware|runMiddleware|MiddlewareRequest|\.next\/server\/edge\//,
  },
  { name: "handler (route module, defineRoute)", match: /app\/api\/|app-route|route-module|lib\/api\/|lib\/services\// },
  { name: "Next server: routing, response", match: /next\/dist|next-server|base-server|router-server/ },
  { name: "HTTP (node:http, sockets)", match: /node:_http|node:net|node:internal\/(http|stream|net)|_http_/ },
];

const BRIDGE_BUCKETS: Bucket[] = [
  { name: "bridge: Redis client (ioredis pipeline)", match: /ioredis|redis-parser|bridge\/executor|bridge\/scripts/ },
  { name: "bridge: REST protocol (auth, parse, encode)", match: /lib\/redis\/bridge\// },
  { name: "bridge: HTTP (node:http, sockets)", match: /node:_http|node:net|node:internal\/(http|stream|net)/ },
];

type Phase = Awaited<ReturnType<typeof phase>>;

async function phase(pathName: string, headers: Record<string, string>) {
  const url = base + pathName;
  await autocannon({ url, connections: BENCH.connections, duration: 2, headers });
  const from = Number(process.hrtime.bigint() / 1000n);
  const r = await autocannon({ url, connections: BENCH.connections, duration: BENCH.seconds, headers });
  const to = Number(process.hrtime.bigint() / 1000n);
  return { path: pathName, from, to, requests: r.requests.total, non2xx: r.non2xx + r.errors, rps: r.requests.average };
}

async function evalshaUsec(redis: Redis): Promise<{ calls: number; usec: number }> {
  const info = await redis.info("commandstats");
  let calls = 0;
  let usec = 0;
  for (const m of info.matchAll(/cmdstat_(?:evalsha|eval):calls=(\d+),usec=(\d+)/g)) {
    calls += Number(m[1]);
    usec += Number(m[2]);
  }
  return { calls, usec };
}

const HIT = "/api/v1/dashboard/overview?range=7d";

// `-- --analyze <dir>` reads the profiles of an earlier run again (to refine the buckets) without the load.
const analyze = process.argv.indexOf("--analyze");
let phases: Phase[];
let redisPerCall = Number.NaN;
if (analyze > 0) {
  dir = path.resolve(process.argv[analyze + 1]!);
  ({ phases, redisPerCall } = JSON.parse(readFileSync(path.join(dir, "phases.json"), "utf8")) as { phases: Phase[]; redisPerCall: number });
} else {
  const app = await startBenchApp();
  const redis = new Redis(process.env.REDIS_URL!);
  try {
    const key = await seedBenchKey();
    // Every route warm (JIT, Next's shared code) before the first window, not only the one about to be measured.
    for (const [p, h] of [
      ["/api/health", {}],
      ["/api/ping", {}],
      ["/api/v1/ping", { authorization: `Bearer ${key}` }],
      [HIT, { authorization: `Bearer ${key}` }],
    ] as const)
      await autocannon({ url: base + p, connections: BENCH.connections, duration: 3, headers: h });
    const bare = await phase("/api/health", {});
    const pass = await phase("/api/ping", {});
    const before = await evalshaUsec(redis);
    const full = await phase("/api/v1/ping", { authorization: `Bearer ${key}` });
    const after = await evalshaUsec(redis);
    redisPerCall = (after.usec - before.usec) / Math.max(1, after.calls - before.calls);
    // A cache HIT: the full pipeline plus the cache's read (the overview, warm from the warm-up above).
    const hit = await phase(HIT, { authorization: `Bearer ${key}` });
    phases = [bare, pass, full, hit];
  } finally {
    redis.disconnect();
    app.stop();
    await app.stopped;
  }
  writeFileSync(path.join(dir, "phases.json"), JSON.stringify({ phases, redisPerCall }));
}

// The profiles are written as each process exits.
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".cpuprofile"))
  .map((f) => path.join(dir, f));
const ms = (us: number, n: number) => (us / n / 1000).toFixed(3);
console.log(
  `\nCPU per request (ms), ${BENCH.connections} connections × ${BENCH.seconds} s per route, production build; profiles in ${dir}\n`,
);
for (const p of phases) {
  console.log(`${p.path}: ${p.requests} requests (${p.rps.toFixed(0)} req/s, non-2xx ${p.non2xx})`);
}
const rows = new Map<string, number[]>();
const add = (name: string, i: number, us: number) => {
  const row = rows.get(name) ?? phases.map(() => 0);
  row[i] = (row[i] ?? 0) + us;
  rows.set(name, row);
};
for (const file of files) {
  for (const [i, p] of phases.entries()) {
    const probe = breakdown(file, [], p.from, p.to);
    const buckets = probe.script === "server" ? SERVER_BUCKETS : probe.script === "start" ? BRIDGE_BUCKETS : [];
    const b = breakdown(file, buckets, p.from, p.to);
    const who = b.script === "server" ? "server" : b.script === "start" ? "launcher (bridge)" : b.script;
    for (const [name, us] of b.us) add(`${who} · ${name}`, i, us);
    if (process.env.PROFILE_TOP && i === phases.length - 1) {
      console.log(`\n${who}: top leaf frames in ${p.path}`);
      for (const [l, us] of [...b.leaves].sort((x, y) => y[1] - x[1]).slice(0, Number(process.env.PROFILE_TOP) || 30))
        console.log(`${ms(us, p.requests)}  ${l.slice(0, process.env.PROFILE_STACKS ? 1500 : 220)}`);
    }
  }
}
console.log("\n| part | " + phases.map((p) => p.path).join(" | ") + " |");
console.log("|---|" + phases.map(() => "---:").join("|") + "|");
const sorted = [...rows.entries()].sort((a, b) => a[0].localeCompare(b[0]));
const totals = phases.map(() => 0);
for (const [name, us] of sorted) {
  us.forEach((u, i) => (totals[i] = totals[i]! + u));
  console.log(`| ${name} | ${us.map((u, i) => ms(u, phases[i]!.requests)).join(" | ")} |`);
}
console.log(`| **total CPU, all processes** | ${totals.map((u, i) => `**${ms(u, phases[i]!.requests)}**`).join(" | ")} |`);
console.log(
  `| Redis: one EVALSHA (commandstats, µs ÷ 1000) | – | – | ${phases
    .slice(2)
    .map(() => (redisPerCall / 1000).toFixed(3))
    .join(" | ")} |`,
);
process.exit(0);
