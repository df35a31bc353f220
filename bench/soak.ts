/**
 * `npm run bench:soak`: a steady mixed load for a set time against the production build, then a
 * minute idle. A benchmark, not a test (not in `npm test`): it prints what happened and exits 1 only
 * when something answered a 5xx or not at all.
 *
 *   npm run bench:soak                          # 5 minutes at 20 requests/s, then 60 s idle
 *   npm run bench:soak -- --duration 2m --rate 30 --idle 30s
 *
 * The stack is the fault test's (scripts/lib/private-stack.ts: its own Redis and MariaDB in a temp
 * directory, bridge, worker and app as separate processes, the fakes), so it never touches dev or
 * test data. The load (scripts/lib/mixed-load.ts) mixes an API key's reads (calls list, ping), a
 * signed-in person's reads (overview, calls list) and signed SendGrid deliveries for another company,
 * which the worker records and processes. Acme's limits are raised (bench/lib/acme-key.ts) so every
 * answer is the handler's, never a 429. Per minute: requests, 5xx, non-2xx, p50/p99. The server's RSS
 * and heap (after a full GC, read over IPC by bench/lib/memory-probe.ts) at the start, at the end of
 * the load and after the idle time.
 */
import { acmeBenchKey } from "./lib/acme-key";
import { demoPrincipals, mixedKinds, startMixedLoad, type Sample } from "../scripts/lib/mixed-load";
import { startPrivateStack, type PrivateStack } from "../scripts/lib/private-stack";

function argSeconds(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const raw = i >= 0 ? process.argv[i + 1] : undefined;
  if (!raw) return fallback;
  const m = /^(\d+(?:\.\d+)?)(s|m)?$/.exec(raw);
  if (!m) throw new Error(`${name} takes seconds (90, 90s) or minutes (5m), not ${raw}`);
  return Number(m[1]) * (m[2] === "m" ? 60 : 1);
}

const durationS = argSeconds("--duration", 300);
const idleS = argSeconds("--idle", 60);
const rateIndex = process.argv.indexOf("--rate");
const rate = rateIndex >= 0 ? Number(process.argv[rateIndex + 1]) : 20;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

interface Memory {
  rss: number;
  heapUsed: number;
  heapTotal: number;
}

async function serverMemory(stack: PrivateStack): Promise<Memory> {
  const child = stack.app.child();
  if (!child?.connected) throw new Error("the app's IPC channel is closed");
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the app did not report its memory")), 10_000);
    const onMessage = (m: { type?: string } & Memory) => {
      if (m?.type !== "memory") return;
      clearTimeout(timer);
      child.off("message", onMessage);
      resolve(m);
    };
    child.on("message", onMessage);
    child.send({ type: "memory?" });
  });
}

function perMinute(samples: Sample[], startedAt: number) {
  console.log(
    `\n${"minute".padEnd(8)}${"requests".padStart(10)}${"5xx".padStart(6)}${"non-2xx".padStart(9)}${"p50 ms".padStart(9)}${"p99 ms".padStart(9)}`,
  );
  const minutes = Math.ceil(durationS / 60);
  for (let m = 0; m < minutes; m++) {
    const mine = samples.filter((s) => Math.floor((s.sentAt - startedAt) / 60_000) === m);
    const ms = mine.map((s) => s.ms).sort((a, b) => a - b);
    const fivexx = mine.filter((s) => s.status >= 500 || s.status === 0).length;
    const non2xx = mine.filter((s) => s.status < 200 || s.status >= 300).length;
    console.log(
      `${String(m + 1).padEnd(8)}${String(mine.length).padStart(10)}${String(fivexx).padStart(6)}${String(non2xx).padStart(9)}${pct(ms, 50).toFixed(0).padStart(9)}${pct(ms, 99).toFixed(0).padStart(9)}`,
    );
  }
}

async function main() {
  const stack = await startPrivateStack({
    name: "switchboard-soak",
    appNodeArgs: ["--expose-gc", "--import", "./bench/lib/memory-probe.ts"],
  });
  let exitCode = 0;
  try {
    const p = await demoPrincipals(stack.appUrl, stack.fakes.urls.sendgrid);
    // Raise Acme's limits for the whole run (the key it also creates is not used).
    const saved = { ...process.env };
    Object.assign(process.env, stack.env);
    await acmeBenchKey(["calls:read"]);
    process.env = saved;

    const atStart = await serverMemory(stack);
    console.log(
      `\n• ${durationS} s of mixed load at ${rate} requests/s (${mixedKinds(p, { ready: false }).length} kinds), then ${idleS} s idle`,
    );
    const startedAt = Date.now();
    const load = startMixedLoad(mixedKinds(p, { ready: false }), { intervalMs: 1000 / rate, maxInFlight: 64 });
    await sleep(durationS * 1000);
    await load.stop();
    const atEnd = await serverMemory(stack);
    await sleep(idleS * 1000);
    const afterIdle = await serverMemory(stack);

    const samples = load.samples;
    perMinute(samples, startedAt);
    const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
    const fivexx = samples.filter((s) => s.status >= 500 || s.status === 0);
    const statuses: Record<string, number> = {};
    for (const s of samples) statuses[s.status] = (statuses[s.status] ?? 0) + 1;
    console.log(
      `${"all".padEnd(8)}${String(samples.length).padStart(10)}${String(fivexx.length).padStart(6)}${String(samples.filter((s) => s.status < 200 || s.status >= 300).length).padStart(9)}${pct(ms, 50).toFixed(0).padStart(9)}${pct(ms, 99).toFixed(0).padStart(9)}`,
    );
    console.log(
      `\nstatuses: ${JSON.stringify(statuses)}${load.skipped ? ` · ${load.skipped} ticks skipped (64 requests already open)` : ""}`,
    );
    console.log(
      `\n${"server (next start)".padEnd(24)}${"RSS".padStart(10)}${"heap used".padStart(12)}${"heap total".padStart(12)}   (heap after a full GC)`,
    );
    for (const [label, m] of [
      ["start", atStart],
      ["end of load", atEnd],
      [`after ${idleS} s idle`, afterIdle],
    ] as const) {
      console.log(`${label.padEnd(24)}${mb(m.rss).padStart(10)}${mb(m.heapUsed).padStart(12)}${mb(m.heapTotal).padStart(12)}`);
    }
    for (const s of fivexx.slice(0, 5)) console.log(`  5xx: ${s.kind} → ${s.status} ${s.error ?? ""} ${s.body.slice(0, 160)}`);
    if (fivexx.length) exitCode = 1;
  } finally {
    await stack.close();
  }
  process.exit(exitCode);
}

void main();
