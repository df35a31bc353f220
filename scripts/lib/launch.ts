import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { loadLocalEnv } from "./local-env";
import { checkRedis } from "./check-redis";
import { waitForHttp } from "./wait-for-http";

export interface LaunchOptions {
  /** `next dev` (hot reload) or `next start` (the production build). */
  mode: "dev" | "start";
  port: number;
  /** Seed the demo data when the database has none. */
  seedIfEmpty: boolean;
  /** Print the welcome banner with demo sign-in details. */
  banner: boolean;
}

function fail(line: string): never {
  console.error(`\n✖ ${line}\n`);
  process.exit(1);
}

const children: ChildProcess[] = [];
const closers: Array<() => Promise<void>> = [];

/** How long a shutdown waits for the children (the worker drains for up to WORKER_DRAIN_TIMEOUT_MS, 25 s) before killing them. */
const CHILD_EXIT_GRACE_MS = 40_000;

const running = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;
const exited = (child: ChildProcess) => new Promise<void>((resolve) => (running(child) ? child.once("exit", () => resolve()) : resolve()));

/**
 * A child script with an IPC channel to this process and exit-with-parent.ts preloaded: if this
 * launcher dies in any way (SIGKILL included, which it cannot forward), the channel closes and the
 * child stops gracefully instead of living on as an orphan — a worker left behind would keep taking
 * jobs from the same Redis as the next run.
 */
function spawnChild(script: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const exitWithParent = new URL("./exit-with-parent.ts", import.meta.url).href;
  return spawn(process.execPath, ["--import", "tsx", "--import", exitWithParent, path.resolve(script), ...args], {
    stdio: ["inherit", "inherit", "inherit", "ipc"],
    env,
  });
}

let stopping = false;

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (running(child)) child.kill("SIGTERM");
  // The children stop first (the worker drains its jobs through the bridge), then what they use closes.
  const force = setTimeout(() => children.filter(running).forEach((child) => child.kill("SIGKILL")), CHILD_EXIT_GRACE_MS);
  await Promise.all(children.map(exited));
  clearTimeout(force);
  await Promise.allSettled(closers.map((close) => close()));
  process.exit(code);
}

/**
 * Brings the whole product up on one machine: checks MySQL and Redis (one clear line when one
 * is missing), migrates, seeds when empty, starts the Upstash REST bridge, the local vendor fakes (when no
 * vendor points at a real address), the job worker, then Next.
 */
export async function launch(opts: LaunchOptions): Promise<void> {
  loadLocalEnv();
  // This product phones home to nobody; Next's telemetry would also stall on a closed network.
  process.env.NEXT_TELEMETRY_DISABLED ??= "1";
  process.env.NEXTAUTH_URL ??= `http://localhost:${opts.port}`;
  process.env.APP_URL ??= process.env.NEXTAUTH_URL;

  // Imported after env is loaded: these modules read it.
  const { dbEnv } = await import("@/lib/env/db");
  const { bridgeEnv } = await import("@/lib/env/redis");
  const { checkDatabase, migrate } = await import("@/lib/db/migrate");
  const { isDatabaseSeeded, seedDemo } = await import("@/lib/db/seed");
  const { closeDb } = await import("@/lib/db/client");
  const { startBridge } = await import("@/lib/redis/bridge/server");

  const dbUrl = dbEnv().DATABASE_URL;
  const bridge = bridgeEnv();
  const [db, redis] = await Promise.all([checkDatabase(dbUrl), checkRedis(bridge.REDIS_URL)]);
  if (!db.ok) fail(db.line);
  if (!redis.ok) fail(redis.line);

  await migrate();
  if (opts.seedIfEmpty && !(await isDatabaseSeeded())) {
    console.log("• Empty database: seeding demo data …");
    await seedDemo({});
  }
  await closeDb();

  let handle: Awaited<ReturnType<typeof startBridge>>;
  try {
    handle = await startBridge({
      redisUrl: bridge.REDIS_URL,
      token: bridge.UPSTASH_REDIS_REST_TOKEN,
      port: bridge.BRIDGE_PORT,
      host: bridge.BRIDGE_HOST,
    });
  } catch (err) {
    const busy = (err as { code?: string }).code === "EADDRINUSE";
    fail(
      busy
        ? `Port ${bridge.BRIDGE_PORT} (Redis REST bridge) is in use — stop the other Switchboard or set BRIDGE_PORT`
        : `The Redis REST bridge could not start: ${(err as Error).message}`,
    );
  }
  closers.push(() => handle.close());
  process.env.UPSTASH_REDIS_REST_URL ??= handle.url;

  // The demo runs offline: while no vendor points at a real address, the local fakes answer for them.
  const { allVendorsLocal, fakePortFor, VENDORS } = await import("@/fakes/ports");
  if (allVendorsLocal()) {
    const { startFakes } = await import("@/fakes");
    try {
      const fakes = await startFakes({ host: "127.0.0.1", ports: Object.fromEntries(VENDORS.map((v) => [v, fakePortFor(v)])) });
      closers.push(() => fakes.close());
    } catch (err) {
      const busy = (err as { code?: string }).code === "EADDRINUSE";
      fail(
        busy
          ? `A fake vendor port (${VENDORS.map((v) => fakePortFor(v)).join(", ")}) is in use — stop the other Switchboard or set FAKE_<VENDOR>_PORT`
          : `The local vendor fakes could not start: ${(err as Error).message}`,
      );
    }
  }

  const worker = spawnChild("scripts/worker.ts", [], process.env);
  children.push(worker);
  worker.on("exit", (code) => {
    if (code !== 0 && !stopping) fail(`The job worker stopped (exit ${code}); see the line above.`);
  });

  process.env.PORT = String(opts.port);
  process.env.INTERNAL_APP_URL ??= `http://127.0.0.1:${opts.port}`;
  const next = spawnChild("scripts/server.ts", opts.mode === "dev" ? ["--dev"] : [], {
    ...process.env,
    NODE_ENV: opts.mode === "dev" ? "development" : "production",
  });
  children.push(next);
  next.on("exit", (code) => void shutdown(code ?? 1));
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  await waitForHttp(`http://127.0.0.1:${opts.port}/api/health`, 180_000, () => next.exitCode === null).catch((err: Error) =>
    fail(err.message),
  );
  // Ready = MySQL, Redis and a worker heartbeat; the worker needs a moment after start.
  await waitForHttp(
    `http://127.0.0.1:${opts.port}/api/health/ready`,
    60_000,
    () => next.exitCode === null && worker.exitCode === null,
  ).catch((err: Error) => fail(`Not ready: ${err.message} (GET /api/health/ready says which dependency)`));
  if (opts.banner) printBanner(opts.port);
}

function printBanner(port: number) {
  const password = process.env.DEMO_PASSWORD ?? "switchboard-demo";
  console.log(`
┌──────────────────────────────────────────────────────────────────────┐
  Switchboard is up:  http://localhost:${port}

  Sign in with any demo account, password: ${password}
    owner@acme.test   admin@acme.test   member@acme.test   viewer@acme.test   (Acme Dental, PRO)
    owner@globex.test                                                        (Globex Clinic, FREE)
    root@switchboard.test                                                    (platform admin)

  Health: http://localhost:${port}/api/health/ready   ·   Stop: Ctrl+C
└──────────────────────────────────────────────────────────────────────┘
`);
}
