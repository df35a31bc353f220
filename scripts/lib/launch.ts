import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { loadLocalEnv } from "./local-env";
import { checkRedis } from "./check-redis";
import { waitForHttp } from "./wait-for-http";

export interface LaunchOptions {
  /** `next dev` (hot reload) or `next start` (the production build). */
  mode: "dev" | "start";
  port: number;
  /** Print the welcome banner (with the demo sign-in details when the demo data is there). */
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
 * Brings the whole product up on one machine: refuses a production start without its secrets (one
 * line each), checks MySQL and Redis (one clear line when one is missing), migrates, seeds the demo
 * data into an empty database (dev, or `SWITCHBOARD_DEMO=1`), starts the Upstash REST bridge, the
 * local vendor fakes (when no vendor points at a real address, never in live production), the job
 * worker, then Next.
 */
export async function launch(opts: LaunchOptions): Promise<void> {
  // The production build runs as production whatever the shell says (Next forces it for `next start` too).
  if (opts.mode === "start") Object.assign(process.env, { NODE_ENV: "production" });
  loadLocalEnv();
  const { refuseUnsafeProduction } = await import("@/lib/env/refuse-unsafe-production");
  refuseUnsafeProduction();
  const { isLiveProduction } = await import("@/lib/env/live-production");
  const live = isLiveProduction();
  // Demo data only when asked for: `npm run dev`, or a production build started with SWITCHBOARD_DEMO=1.
  const seedIfEmpty = (opts.mode === "dev" || process.env.SWITCHBOARD_DEMO === "1") && process.env.SEED_IF_EMPTY !== "false";
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
  const { hasPlatformAdmin } = await import("@/lib/services/admin/has-platform-admin");
  const { startBridge } = await import("@/lib/redis/bridge/server");

  const dbUrl = dbEnv().DATABASE_URL;
  const bridge = bridgeEnv();
  const [db, redis] = await Promise.all([checkDatabase(dbUrl), checkRedis(bridge.REDIS_URL)]);
  if (!db.ok) fail(db.line);
  if (!redis.ok) fail(redis.line);

  await migrate();
  if (seedIfEmpty && !(await isDatabaseSeeded())) {
    console.log("• Empty database: seeding demo data …");
    await seedDemo({});
  }
  const demoAccounts = !live && (await isDatabaseSeeded());
  const noAdminYet = live && !(await hasPlatformAdmin());
  await closeDb();
  if (noAdminYet) console.log(FIRST_ADMIN_HINT);

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
      const fakes = await startFakes({
        host: "127.0.0.1",
        ports: Object.fromEntries(VENDORS.map((v) => [v, fakePortFor(v)])),
        // Stripe's hosted checkout and portal pages deliver their signed events to this app.
        stripe: { webhookTarget: `http://127.0.0.1:${opts.port}/api/webhooks/stripe` },
      });
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
  // The gateway reaches Redis itself over TCP (REDIS_URL, one EVALSHA a decision), not through the bridge.
  process.env.GATEWAY_REDIS_TRANSPORT ??= "tcp";
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
  if (opts.banner) printBanner(opts.port, demoAccounts);
}

const FIRST_ADMIN_HINT = `
• No platform admin yet (nothing is seeded in production). Create the first one with:
    npm run admin:create            (asks for the email and a password)
  or once from the environment: ADMIN_EMAIL=you@example.com ADMIN_PASSWORD=… npm run admin:create
`;

function printBanner(port: number, demoAccounts: boolean) {
  if (!demoAccounts) {
    console.log(`
┌──────────────────────────────────────────────────────────────────────┐
  Switchboard is up:  http://localhost:${port}

  Sign in with a platform admin (npm run admin:create makes one).
  Health: http://localhost:${port}/api/health/ready   ·   Stop: Ctrl+C
└──────────────────────────────────────────────────────────────────────┘
`);
    return;
  }
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
