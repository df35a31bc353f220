import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { TEST_SECRETS } from "@/lib/env/test-secrets";
import { freePort } from "@/tests/helpers/bridge-private-redis";
import { startRedisProcess, type RedisProcess } from "@/tests/helpers/redis-process";
import { startPrivateMariaDb, waitForPort, type PrivateMariaDb } from "./private-mariadb";
import { waitForHttp } from "./wait-for-http";

/**
 * The whole product as separate processes on a machine of its own making: a redis-server and a
 * MariaDB server with their data in a temporary directory, the Redis REST bridge, one job worker and
 * the production build (`scripts/server.ts`, what `npm start` runs) each in a child process, and the
 * vendor fakes in this process. Used by `npm run test:faults` (which kills and restarts the parts)
 * and `npm run bench:soak`. Nothing touches the shared MySQL, Redis or any fixed port.
 */
export interface ScriptProcess {
  name: string;
  readonly pid: number | undefined;
  running(): boolean;
  start(): Promise<void>;
  /** SIGKILL by default: a crash. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** SIGTERM, then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  /** The last `lines` lines of its output (stdout and stderr share one log file). */
  tail(lines?: number): string;
  /** Messages from the child's IPC channel. */
  child(): ChildProcess | undefined;
}

export interface PrivateStack {
  dir: string;
  appUrl: string;
  env: Record<string, string>;
  redis: RedisProcess;
  mysql: PrivateMariaDb;
  bridge: ScriptProcess;
  worker: ScriptProcess;
  app: ScriptProcess;
  fakes: { urls: Record<"retell" | "calcom" | "stripe" | "sendgrid", string> };
  /** Stops every process it started (whatever state each is in) and removes the directory unless `keep`. */
  close(opts?: { keep?: boolean }): Promise<void>;
}

export interface StackOptions {
  /** Prefix of the temporary directory. */
  name: string;
  /** Extra node flags for the app's process (`--expose-gc`, a preload: tsx is loaded before them). */
  appNodeArgs?: string[];
  /** Extra environment for every process. */
  env?: Record<string, string>;
  /** Seeds the demo data (600 calls) after migrating; default true. */
  seed?: boolean;
  log?: (line: string) => void;
}

const exitWithParent = new URL("./exit-with-parent.ts", import.meta.url).href;

function scriptProcess(
  name: string,
  script: string,
  args: string[],
  env: Record<string, string>,
  logFile: string,
  nodeArgs: string[] = [],
): ScriptProcess {
  let child: ChildProcess | undefined;
  const running = () => child !== undefined && child.exitCode === null && child.signalCode === null;
  const kill = async (signal: NodeJS.Signals = "SIGKILL") => {
    const c = child;
    if (!c || !running()) return;
    const gone = new Promise((resolve) => c.once("exit", resolve));
    c.kill(signal);
    await gone;
  };
  // The child also stops on its own when this process dies (exit-with-parent.ts, through the IPC
  // channel); this covers an exit of this process that leaves the channel open for a moment.
  process.once("exit", () => {
    if (running()) child?.kill("SIGKILL");
  });
  return {
    name,
    get pid() {
      return child?.pid;
    },
    running,
    child: () => child,
    async start() {
      const fd = openSync(logFile, "a");
      child = spawn(process.execPath, ["--import", "tsx", "--import", exitWithParent, ...nodeArgs, path.resolve(script), ...args], {
        env: env as NodeJS.ProcessEnv,
        stdio: ["ignore", fd, fd, "ipc"],
      });
      closeSync(fd);
    },
    kill,
    async stop(graceMs = 30_000) {
      const c = child;
      if (!c || !running()) return;
      const gone = new Promise((resolve) => c.once("exit", resolve));
      c.kill("SIGTERM");
      const force = setTimeout(() => c.kill("SIGKILL"), graceMs);
      await gone;
      clearTimeout(force);
    },
    tail(lines = 30) {
      if (!existsSync(logFile)) return "";
      return readFileSync(logFile, "utf8").split("\n").slice(-lines).join("\n");
    },
  };
}

/** Reuses `.next` (named with its date, so a stale build is visible), or builds once when there is none. */
export async function ensureProductionBuild(log: (line: string) => void = console.log): Promise<void> {
  if (existsSync(".next/BUILD_ID")) {
    log(`• reusing the production build of ${statSync(".next/BUILD_ID").mtime.toISOString()} (npm run build after changing code)`);
    return;
  }
  log("• no production build (.next): running next build once …");
  await new Promise<void>((resolve, reject) =>
    spawn(process.execPath, ["node_modules/next/dist/bin/next", "build"], { stdio: "inherit" }).on("exit", (c) =>
      c === 0 ? resolve() : reject(new Error("next build failed")),
    ),
  );
}

export async function startPrivateStack(opts: StackOptions): Promise<PrivateStack> {
  const log = opts.log ?? ((line: string) => console.log(line));
  await ensureProductionBuild(log);
  const dir = mkdtempSync(path.join(tmpdir(), `${opts.name}-`));
  const closers: Array<() => Promise<void>> = [];
  const close = async ({ keep = false }: { keep?: boolean } = {}) => {
    for (const closer of closers.splice(0).reverse()) await closer().catch((err: unknown) => log(`  (cleanup: ${String(err)})`));
    if (!keep) rmSync(dir, { recursive: true, force: true });
  };
  try {
    const started = performance.now();
    const redis = await startRedisProcess();
    closers.push(() => redis.close());
    const mysql = await startPrivateMariaDb({ port: await freePort(), prefix: `${opts.name}-mariadb-` });
    closers.push(() => mysql.close());

    const [bridgePort, appPort] = [await freePort(), await freePort()];
    const appUrl = `http://127.0.0.1:${appPort}`;
    const { startFakes } = await import("@/fakes");
    const fakes = await startFakes({ ports: { retell: 0, calcom: 0, stripe: 0, sendgrid: 0 } });
    closers.push(() => fakes.close());
    const urls = fakes.urls as PrivateStack["fakes"]["urls"];
    mkdirSync(path.join(dir, "data"), { recursive: true });

    // A production build run as the demo by name (as the e2e server does): the fakes' credentials and
    // the tests' fixed secrets are allowed, nothing else is relaxed.
    const env: Record<string, string> = {
      NODE_ENV: "production",
      SWITCHBOARD_DEMO: "1",
      SEED_IF_EMPTY: "false",
      LOG_LEVEL: "warn",
      NEXT_TELEMETRY_DISABLED: "1",
      DATA_DIR: path.join(dir, "data"),
      DATABASE_URL: mysql.url("switchboard_faults"),
      REDIS_URL: redis.url(0),
      BRIDGE_PORT: String(bridgePort),
      UPSTASH_REDIS_REST_URL: `http://127.0.0.1:${bridgePort}`,
      UPSTASH_REDIS_REST_TOKEN: TEST_SECRETS.UPSTASH_REDIS_REST_TOKEN,
      NEXTAUTH_SECRET: TEST_SECRETS.NEXTAUTH_SECRET,
      GATEWAY_SIGNING_SECRET: TEST_SECRETS.GATEWAY_SIGNING_SECRET,
      ENCRYPTION_KEY: TEST_SECRETS.ENCRYPTION_KEY,
      PORT: String(appPort),
      NEXTAUTH_URL: appUrl,
      APP_URL: appUrl,
      INTERNAL_APP_URL: appUrl,
      RETELL_API_URL: urls.retell,
      CALCOM_API_URL: urls.calcom,
      STRIPE_API_URL: urls.stripe,
      SENDGRID_API_URL: urls.sendgrid,
      BREAKER_OPEN_SECONDS: "5",
      // As `npm start` and the compose file run it: the gateway's decision over TCP, not through the bridge.
      GATEWAY_REDIS_TRANSPORT: "tcp",
      ...opts.env,
    };
    // Without the shell's TEST_*/LD_PRELOAD leftovers: only PATH-like basics and the stack's own values.
    const base: Record<string, string> = {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? dir,
      TMPDIR: process.env.TMPDIR ?? tmpdir(),
    };
    const childEnv = { ...base, ...env };

    // Migrate and seed from this process, then let go of its pool: the children own the database from here.
    const saved = { ...process.env };
    Object.assign(process.env, env);
    const { migrate } = await import("@/lib/db/migrate");
    const { closeDb } = await import("@/lib/db/client");
    await migrate();
    if (opts.seed !== false) {
      const { seedDemo } = await import("@/lib/db/seed");
      await seedDemo({});
    }
    await closeDb();
    process.env = saved;

    const logs = path.join(dir, "logs");
    mkdirSync(logs);
    const bridge = scriptProcess("bridge", "scripts/bridge.ts", [], childEnv, path.join(logs, "bridge.log"));
    closers.push(() => bridge.stop(5_000));
    await bridge.start();
    await waitForPort(bridgePort, 30_000, bridge.running);
    const worker = scriptProcess("worker", "scripts/worker.ts", [], childEnv, path.join(logs, "worker.log"));
    closers.push(() => worker.stop(10_000));
    await worker.start();
    const app = scriptProcess("app", "scripts/server.ts", [], childEnv, path.join(logs, "app.log"), opts.appNodeArgs);
    closers.push(() => app.stop(10_000));
    await app.start();
    await waitForHttp(`${appUrl}/api/health/ready`, 180_000, () => app.running() && worker.running()).catch((err: Error) => {
      throw new Error(`${err.message}\n--- app ---\n${app.tail()}\n--- worker ---\n${worker.tail()}`);
    });
    log(`• private stack up in ${((performance.now() - started) / 1000).toFixed(1)} s: ${appUrl} (logs in ${logs})`);
    return { dir, appUrl, env: childEnv, redis, mysql, bridge, worker, app, fakes: { urls }, close };
  } catch (err) {
    await close();
    throw err;
  }
}
