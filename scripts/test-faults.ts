/**
 * `npm run test:faults`: the README's "Failure modes" table, proven against the real processes.
 *
 * Starts a private stack (scripts/lib/private-stack.ts: its own redis-server and MariaDB in a temp
 * directory, the bridge, a worker and the production build as separate processes, the vendor fakes),
 * puts a steady mixed load on it (scripts/lib/mixed-load.ts: an API key's reads, a person's reads,
 * signed SendGrid deliveries from the fake, the ready probe; about 4 requests/s), then kills each
 * dependency in turn with SIGKILL and starts it again — Redis (empty), the REST bridge, MariaDB — and
 * checks:
 *   - during each fault, every answer is one the Failure modes table promises (FAULTS below), never a
 *     500, every 503 with a Retry-After in seconds, every error in the envelope with a request id;
 *   - after each, every kind of request is healthy again within RECOVERY_BOUND_MS (polled), and stays so;
 *   - /api/health/ready says 503 naming the dependency while it is down, and 200 after;
 *   - nothing is lost: every delivery the fake got a 2xx for (spooled ones included) is in
 *     webhook_events exactly once, under the id it was answered with, and processed; deliveries
 *     refused with 503 are retried by the "vendor" after the faults, as the vendor would.
 * Every process it started is stopped at the end, whatever happened (and checked to be gone).
 *
 * A script rather than a vitest file: one sequential scenario over long-lived OS processes that must
 * be cleaned up on any exit (Ctrl+C included), with its own timeline; and it stays out of `vitest run`.
 */
import mysql from "mysql2/promise";
import {
  deliverSendgrid,
  demoPrincipals,
  KIND,
  mixedKinds,
  startMixedLoad,
  type Load,
  type Principals,
  type Sample,
} from "./lib/mixed-load";
import { startPrivateStack, type PrivateStack } from "./lib/private-stack";

const RECOVERY_BOUND_MS = 30_000;
/** Requests sent this soon after a kill may still meet the old state (a connection already open). */
const SETTLE_MS = 2_000;
const LOAD_INTERVAL_MS = 250;

const {
  keyCalls: KEY_CALLS,
  keyPing: KEY_PING,
  personOverview: PERSON_OVERVIEW,
  personCalls: PERSON_CALLS,
  webhook: WEBHOOK,
  ready: READY,
} = KIND;

type Outcome = "200" | "200 spooled" | "503" | "429";
interface FaultSpec {
  name: string;
  /** The dependency /api/health/ready must name while it is down. */
  readyNames: string;
  downMs: number;
  kill(stack: PrivateStack): Promise<void>;
  restart(stack: PrivateStack): Promise<void>;
  /** What each kind of request may get while it is down (the README's Failure modes table). */
  during: Record<string, Outcome[]>;
  /** Outcomes that must be seen at least once while it is down (the degraded path really works). */
  mustSee: Record<string, Outcome>;
}

/** Redis unreachable from the app: the bridge answers errors (Redis killed) or nobody answers (bridge killed). */
const redisUnreachable: Pick<FaultSpec, "during" | "mustSee"> = {
  during: {
    // API keys fail closed; people fail open through the in-memory limiter (429 only past a fallback limit).
    [KEY_CALLS]: ["503"],
    [KEY_PING]: ["503"],
    [PERSON_OVERVIEW]: ["200", "429"],
    [PERSON_CALLS]: ["200", "429"],
    // Recorded in MySQL, but the job cannot be queued: 503, the row stays `received`, the vendor retries.
    [WEBHOOK]: ["503"],
    [READY]: ["503"],
  },
  mustSee: { [KEY_CALLS]: "503", [PERSON_OVERVIEW]: "200", [PERSON_CALLS]: "200", [READY]: "503" },
};

const FAULTS: FaultSpec[] = [
  {
    name: "Redis killed (SIGKILL), restarted empty",
    readyNames: "redis",
    downMs: 10_000,
    kill: (s) => s.redis.stop(),
    restart: (s) => s.redis.start(),
    ...redisUnreachable,
  },
  {
    name: "REST bridge killed (SIGKILL), restarted",
    readyNames: "redis",
    downMs: 8_000,
    kill: (s) => s.bridge.kill("SIGKILL"),
    restart: async (s) => {
      await s.bridge.start();
      const { waitForPort } = await import("./lib/private-mariadb");
      await waitForPort(Number(s.env.BRIDGE_PORT), 30_000, s.bridge.running);
    },
    // The gateway decides over TCP, past the bridge: every API request is decided as usual. What
    // goes through REST (queueing a webhook's job, the ready probe's Redis check) is down.
    during: {
      [KEY_CALLS]: ["200"],
      [KEY_PING]: ["200"],
      [PERSON_OVERVIEW]: ["200"],
      [PERSON_CALLS]: ["200"],
      [WEBHOOK]: ["503"],
      [READY]: ["503"],
    },
    mustSee: { [KEY_PING]: "200", [KEY_CALLS]: "200", [PERSON_OVERVIEW]: "200", [READY]: "503" },
  },
  {
    name: "MariaDB killed (SIGKILL), restarted",
    readyNames: "mysql",
    downMs: 12_000,
    kill: (s) => s.mysql.kill(),
    restart: (s) => s.mysql.start(),
    during: {
      // Cached reads answer from their entry (HIT or STALE); the ping needs no MySQL at all.
      [KEY_CALLS]: ["200"],
      [KEY_PING]: ["200"],
      [PERSON_OVERVIEW]: ["200"],
      [PERSON_CALLS]: ["200"],
      // A verified SendGrid delivery is kept in Redis and answered 200 `spooled`.
      [WEBHOOK]: ["200 spooled"],
      [READY]: ["503"],
    },
    mustSee: { [WEBHOOK]: "200 spooled", [READY]: "503", [PERSON_OVERVIEW]: "200" },
  },
];

const healthy = (s: Sample) => s.status === 200 && !s.delivery?.spooled;
const outcome = (s: Sample): string => (s.status === 200 && s.delivery?.spooled ? "200 spooled" : String(s.status || `no answer`));
const finishedAt = (s: Sample) => s.sentAt + s.ms;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const failures: string[] = [];
function check(ok: boolean, line: string, detail?: string): boolean {
  console.log(`  ${ok ? "✓" : "✖"} ${line}`);
  if (!ok) failures.push(detail ? `${line}\n      ${detail}` : line);
  return ok;
}
const describeSample = (s: Sample) =>
  `${s.kind} at +${((s.sentAt - t0) / 1000).toFixed(1)} s → ${outcome(s)}${s.retryAfter ? ` (Retry-After ${s.retryAfter})` : ""}${
    s.error ? ` ${s.error}` : ""
  } ${s.body.slice(0, 200)}`;
let t0 = Date.now();

/** Status counts per kind, one line each. */
function printMatrix(title: string, samples: Sample[]) {
  console.log(`  ${title}:`);
  const kinds = [...new Set(samples.map((s) => s.kind))].sort();
  for (const kind of kinds) {
    const counts: Record<string, number> = {};
    const mine = samples.filter((x) => x.kind === kind);
    for (const s of mine) counts[outcome(s)] = (counts[outcome(s)] ?? 0) + 1;
    const shown = Object.entries(counts)
      .map(([k, v]) => `${k}×${v}`)
      .join(" ");
    const ms = mine.map((s) => s.ms).sort((a, b) => a - b);
    const p50 = ms[Math.floor(ms.length / 2)] ?? 0;
    console.log(`      ${kind.padEnd(42)} ${shown.padEnd(24)} p50 ${p50.toFixed(0)} ms, max ${(ms.at(-1) ?? 0).toFixed(0)} ms`);
  }
}

/** What every answer must be, whatever the state: an answer, no 5xx but 503, 503/429 with Retry-After in seconds, errors in the envelope. */
function checkEveryAnswer(samples: Sample[]) {
  const bad: string[] = [];
  for (const s of samples) {
    if (s.status === 0) bad.push(`no answer: ${describeSample(s)}`);
    else if (s.status >= 500 && s.status !== 503) bad.push(`a ${s.status}: ${describeSample(s)}`);
    else if ((s.status === 503 || s.status === 429) && !/^\d+$/.test(s.retryAfter ?? "")) bad.push(`no Retry-After: ${describeSample(s)}`);
    else if (s.status === 503 && Number(s.retryAfter) > 60) bad.push(`Retry-After over 60 s: ${describeSample(s)}`);
    else if (s.status >= 400) {
      try {
        const { error } = JSON.parse(s.body) as { error?: { code?: string; requestId?: string } };
        if (!error?.code || !error.requestId) bad.push(`not the error envelope: ${describeSample(s)}`);
      } catch {
        bad.push(`not JSON: ${describeSample(s)}`);
      }
    }
  }
  check(
    bad.length === 0,
    `every one of ${samples.length} answers: no 5xx but 503, Retry-After on 503/429, errors in the envelope`,
    bad.slice(0, 8).join("\n      "),
  );
}

/** Polls until every kind has had a healthy answer to a request sent after `since`; returns when the last one was sent. */
async function waitForRecovery(load: Load, kinds: string[], since: number): Promise<number | null> {
  // A request sent just before the bound may take up to its 10 s timeout to answer.
  const deadline = since + RECOVERY_BOUND_MS + 10_000;
  while (Date.now() < deadline) {
    const firsts = kinds.map((k) => load.samples.filter((s) => s.kind === k && s.sentAt >= since && healthy(s)).map((s) => s.sentAt));
    if (firsts.every((f) => f.length > 0)) return Math.max(...firsts.map((f) => Math.min(...f)));
    await sleep(250);
  }
  return null;
}

function readyNames(s: Sample): string[] {
  try {
    const { error } = JSON.parse(s.body) as { error?: { details?: { checks?: Array<{ name: string; ok: boolean }> } } };
    return (error?.details?.checks ?? []).filter((c) => !c.ok).map((c) => c.name);
  } catch {
    return [];
  }
}

async function runFault(stack: PrivateStack, load: Load, fault: FaultSpec, kinds: string[]): Promise<number> {
  console.log(`\n━━ ${fault.name} ━━`);
  const killedAt = Date.now();
  await fault.kill(stack);
  await sleep(fault.downMs);
  const restartAt = Date.now();
  await fault.restart(stack);
  const backAt = Date.now();
  console.log(`  down ${((restartAt - killedAt) / 1000).toFixed(1)} s, restart took ${((backAt - restartAt) / 1000).toFixed(1)} s`);

  const recoveredAt = await waitForRecovery(load, kinds, backAt);
  const recoveryMs = recoveredAt === null ? Number.POSITIVE_INFINITY : recoveredAt - backAt;
  check(
    recoveredAt !== null && recoveryMs <= RECOVERY_BOUND_MS,
    `every kind healthy again ${recoveredAt === null ? "— never" : `${(recoveryMs / 1000).toFixed(1)} s`} after the restart (bound ${RECOVERY_BOUND_MS / 1000} s)`,
    load.samples
      .filter((s) => s.sentAt >= backAt && !healthy(s))
      .slice(-6)
      .map(describeSample)
      .join("\n      "),
  );
  // Judged once every request sent while it was down has its answer. One that was still open at the
  // restart may also have met the dependency back (a 200 then is as right as the degraded answer).
  await load.settled(restartAt);
  const down = load.samples.filter((s) => s.sentAt >= killedAt + SETTLE_MS && s.sentAt < restartAt);
  printMatrix("sent while down", down);
  for (const kind of kinds) {
    const mine = down.filter((s) => s.kind === kind);
    const allowed = fault.during[kind] ?? [];
    const allowedFor = (s: Sample) => (finishedAt(s) <= restartAt ? allowed : [...allowed, "200"]);
    const wrong = mine.filter((s) => !allowedFor(s).includes(outcome(s) as Outcome));
    check(
      wrong.length === 0,
      `${kind}: ${allowed.join(" or ")} (${mine.length} requests)`,
      wrong.slice(0, 4).map(describeSample).join("\n      "),
    );
    const must = fault.mustSee[kind];
    if (must)
      check(
        mine.some((s) => outcome(s) === must),
        `${kind}: at least one ${must} while down`,
      );
  }
  const readyDown = down.filter((s) => s.kind === READY && s.status === 503 && finishedAt(s) <= restartAt);
  check(
    readyDown.every((s) => readyNames(s).includes(fault.readyNames)),
    `/api/health/ready names ${fault.readyNames} in every 503 while down`,
    readyDown.map((s) => readyNames(s).join(",")).join(" "),
  );
  await sleep(4_000);
  const until = Date.now();
  const after = load.samples.filter((s) => recoveredAt !== null && s.sentAt >= recoveredAt && finishedAt(s) <= until);
  const unhealthy = after.filter((s) => !healthy(s));
  check(
    unhealthy.length === 0,
    `and stays healthy (${after.length} requests after recovery)`,
    unhealthy.slice(0, 6).map(describeSample).join("\n      "),
  );
  return recoveryMs;
}

/** The vendor's retries: each delivery never answered 2xx is sent again until it is (bounded). */
async function vendorRetries(p: Principals, load: Load): Promise<void> {
  const byKey = new Map<string, Sample[]>();
  for (const s of load.samples) if (s.delivery) byKey.set(s.delivery.key, [...(byKey.get(s.delivery.key) ?? []), s]);
  const refused = [...byKey].filter(([, answers]) => !answers.some((a) => a.status >= 200 && a.status < 300)).map(([key]) => key);
  console.log(`  ${refused.length} deliveries were refused (503) and are delivered again, as the vendor would`);
  const deadline = Date.now() + RECOVERY_BOUND_MS;
  for (const key of refused) {
    for (;;) {
      const sentAt = Date.now();
      const r = await deliverSendgrid(p, key);
      const s: Sample = { kind: "webhook retry", sentAt, ms: Date.now() - sentAt, ...r };
      load.samples.push(s);
      if (r.status >= 200 && r.status < 300) break;
      if (Date.now() > deadline) {
        check(false, `the vendor's retry of ${key} is accepted`, describeSample(s));
        break;
      }
      await sleep(1_000);
    }
  }
}

async function checkNothingLost(stack: PrivateStack, load: Load): Promise<void> {
  const answers = new Map<string, Sample[]>();
  for (const s of load.samples)
    if (s.delivery && s.status >= 200 && s.status < 300) answers.set(s.delivery.key, [...(answers.get(s.delivery.key) ?? []), s]);
  const keys = [...new Set(load.samples.filter((s) => s.delivery).map((s) => s.delivery!.key))];
  const spooled = [...answers.values()].filter((a) => a.some((s) => s.delivery?.spooled)).length;
  const conn = await mysql.createConnection(stack.mysql.url("switchboard_faults"));
  try {
    type Row = { id: string; status: string; payload: unknown };
    const read = async () => {
      const [rows] = await conn.query("select id, status, payload from webhook_events where provider = 'sendgrid'");
      return (rows as Row[]).map((r) => {
        const text = typeof r.payload === "string" ? r.payload : JSON.stringify(r.payload);
        return { ...r, keys: [...new Set(text.match(/sg_load_[\w]+/g) ?? [])] };
      });
    };
    // The spool drains every 5 s and the worker processes what is queued; wait for both (bounded).
    const deadline = Date.now() + 60_000;
    let rows = await read();
    while (Date.now() < deadline && !(rows.length >= keys.length && rows.every((r) => r.status === "processed"))) {
      await sleep(500);
      rows = await read();
    }
    const rowsByKey = new Map<string, typeof rows>();
    for (const r of rows) for (const k of r.keys) rowsByKey.set(k, [...(rowsByKey.get(k) ?? []), r]);
    const problems: string[] = [];
    for (const key of keys) {
      const found = rowsByKey.get(key) ?? [];
      const ids = new Set((answers.get(key) ?? []).map((s) => s.delivery?.id));
      if (found.length !== 1) problems.push(`${key}: ${found.length} rows`);
      else if (found[0]!.status !== "processed") problems.push(`${key}: ${found[0]!.status}`);
      else if (ids.size !== 1 || !ids.has(found[0]!.id))
        problems.push(`${key}: answered as ${[...ids].join(",")}, recorded as ${found[0]!.id}`);
    }
    const strays = rows.filter((r) => r.keys.length !== 1 || !keys.includes(r.keys[0]!));
    check(
      problems.length === 0 && strays.length === 0 && answers.size === keys.length,
      `nothing lost: ${keys.length} deliveries (${spooled} spooled while MariaDB was down) → ${rows.length} webhook_events rows, each once, processed, under the id it was answered with`,
      [...problems, ...strays.map((r) => `unexpected row ${r.id}`)].slice(0, 8).join("\n      "),
    );
    const [emails] = await conn.query(
      "select sg_event_id as k, count(*) as n from email_events where sg_event_id like 'sg_load_%' group by sg_event_id",
    );
    const emailRows = emails as Array<{ k: string; n: number }>;
    check(
      emailRows.length === keys.length && emailRows.every((e) => Number(e.n) === 1),
      `each delivery's event applied once (${emailRows.length} email_events rows for ${keys.length} deliveries)`,
    );
  } finally {
    await conn.end();
  }
}

function pidsGone(pids: Array<[string, number | undefined]>) {
  const alive = pids.filter(([, pid]) => {
    if (!pid) return false;
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  });
  check(
    alive.length === 0,
    `every process it started is gone (${pids.map(([n]) => n).join(", ")})`,
    alive.map(([n, p]) => `${n} ${p}`).join(", "),
  );
}

async function main() {
  const started = Date.now();
  let stack: PrivateStack | undefined;
  let stopping = false;
  /** Ctrl+C or SIGTERM: the one cleanup; the run's own ending waits for it rather than exiting under it. */
  let aborted: Promise<void> | undefined;
  const abort = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.error(`\n${signal}: stopping every process this run started …`);
    aborted = (stack?.close() ?? Promise.resolve()).finally(() => process.exit(130));
  };
  process.on("SIGINT", () => abort("SIGINT"));
  process.on("SIGTERM", () => abort("SIGTERM"));

  let keepLogs = false;
  const recoveries: string[] = [];
  try {
    stack = await startPrivateStack({ name: "switchboard-faults" });
    const p = await demoPrincipals(stack.appUrl, stack.fakes.urls.sendgrid);
    const kindList = mixedKinds(p);
    const kinds = kindList.map((k) => k.name);
    t0 = Date.now();
    const load = startMixedLoad(kindList, { intervalMs: LOAD_INTERVAL_MS, maxInFlight: 24 });

    console.log(`\n━━ baseline (${kinds.length} kinds, one request every ${LOAD_INTERVAL_MS} ms) ━━`);
    await sleep(6_000);
    const baseline = load.samples.slice();
    printMatrix("baseline", baseline);
    check(
      baseline.length > 0 && baseline.every(healthy),
      `all ${baseline.length} requests healthy before any fault`,
      baseline
        .filter((s) => !healthy(s))
        .slice(0, 4)
        .map(describeSample)
        .join("\n      "),
    );

    for (const fault of FAULTS) {
      const ms = await runFault(stack, load, fault, kinds);
      recoveries.push(`${fault.name}: ${(ms / 1000).toFixed(1)} s`);
    }
    await load.stop();

    console.log(`\n━━ after the faults ━━`);
    if (load.skipped) console.log(`  (${load.skipped} ticks skipped: 24 requests were already open)`);
    await vendorRetries(p, load);
    await checkNothingLost(stack, load);
    checkEveryAnswer(load.samples);
  } catch (err) {
    keepLogs = true;
    check(false, `the run itself: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  } finally {
    if (stack && !stopping) {
      if (failures.length) {
        keepLogs = true;
        for (const proc of [stack.app, stack.worker, stack.bridge]) console.log(`\n--- ${proc.name} (last lines) ---\n${proc.tail(25)}`);
      }
      const pids: Array<[string, number | undefined]> = [
        ["app", stack.app.pid],
        ["worker", stack.worker.pid],
        ["bridge", stack.bridge.pid],
        ["redis-server", stack.redis.pid],
        ["mariadbd", stack.mysql.pid],
      ];
      await stack.close({ keep: keepLogs });
      if (keepLogs) console.log(`\n  logs kept in ${stack.dir}/logs`);
      pidsGone(pids);
    }
  }
  if (aborted) await aborted;
  console.log(`\nrecovery after each restart: ${recoveries.join(" · ")}`);
  console.log(
    `test:faults ${failures.length ? `FAILED (${failures.length})` : "passed"} in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
  for (const f of failures) console.log(`  ✖ ${f}`);
  process.exit(failures.length ? 1 : 0);
}

void main();
