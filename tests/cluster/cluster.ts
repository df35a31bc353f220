import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { waitForHttp } from "../../scripts/lib/wait-for-http";
import { resetTestStores } from "../setup/reset-stores";
import { TEST_ENV, TEST_SLOT } from "../setup/test-env";
import { DEPLOY_NGINX_CONF, mainNginxConf, renderNginxConf } from "./nginx-conf";

export const NGINX = process.env.NGINX_BIN ?? "/usr/sbin/nginx";
export const REPLICAS = 3;

/** What the tests get (vitest `provide`/`inject`): only plain data. */
export interface ClusterInfo {
  /** nginx: the only address the assertions use. */
  url: string;
  /** Each replica's upstream address as nginx logs it (`127.0.0.1:port`). */
  replicas: string[];
  retellFake: string;
  accessLog: string;
  redisUrl: string;
  keyPrefix: string;
}

interface Proc {
  name: string;
  child: ChildProcess;
  log: string;
}

const running = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;
const exited = (child: ChildProcess) => new Promise<void>((resolve) => (running(child) ? child.once("exit", () => resolve()) : resolve()));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A run directory per test slot: a run that was SIGKILLed left its nginx's pid here, and the next run ends it. */
function freshRunDir(): string {
  const dir = path.join(os.tmpdir(), `switchboard-cluster-s${TEST_SLOT}`);
  const pidFile = path.join(dir, "nginx.pid");
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, "utf8").trim());
    const cmdline =
      Number.isInteger(pid) && pid > 0 && existsSync(`/proc/${pid}/cmdline`) ? readFileSync(`/proc/${pid}/cmdline`, "utf8") : "";
    // Only an nginx master started with this run directory's config: never anyone else's process.
    if (cmdline.includes("nginx") && cmdline.includes(dir)) {
      try {
        process.kill(pid, "SIGTERM");
      } catch {
        // already gone
      }
    }
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Three `next start` replicas of the production build (scripts/server.ts, as Docker runs them), one
 * worker, one REST bridge and the vendor fakes, each its own process on the test slot's MariaDB
 * database and Redis database, behind Debian's nginx running deploy/nginx.conf. Every process is
 * started in its own process group (nginx's workers included) and `stop()` ends each group; the Node
 * children preload exit-with-parent.ts and nginx runs under tests/cluster/guarded.ts, so all of them
 * stop if this process is killed outright.
 */
export class Cluster {
  private procs: Proc[] = [];
  private dir = "";
  private stopping: Promise<void> | null = null;
  private readonly killAllNow = () => {
    for (const p of this.procs) if (running(p.child)) this.signal(p, "SIGKILL");
  };

  async start(): Promise<ClusterInfo> {
    process.once("exit", this.killAllNow);
    this.dir = freshRunDir();
    ensureBuild();

    // A fresh test database with the demo data (as tests/setup/e2e-server.ts starts the e2e app).
    await resetTestStores();
    const { migrate } = await import("@/lib/db/migrate");
    const { seedDemo } = await import("@/lib/db/seed/seed-demo");
    const { closeDb } = await import("@/lib/db/client");
    await migrate();
    await seedDemo({});
    await closeDb();

    const [bridgePort, nginxPort, ...rest] = await Promise.all(Array.from({ length: 2 + 4 + REPLICAS }, () => freePort()));
    const fakePorts = rest.slice(0, 4);
    const replicaPorts = rest.slice(4);
    const publicUrl = `http://127.0.0.1:${nginxPort}`;
    const env: NodeJS.ProcessEnv = {
      ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("VITEST"))),
      ...TEST_ENV,
      // The production build with the tests' fixed secrets and the fakes: the demo by name (as the e2e server).
      NODE_ENV: "production",
      SWITCHBOARD_DEMO: "1",
      SEED_IF_EMPTY: "false",
      LOG_LEVEL: "warn",
      NEXT_TELEMETRY_DISABLED: "1",
      BRIDGE_HOST: "127.0.0.1",
      BRIDGE_PORT: String(bridgePort),
      UPSTASH_REDIS_REST_URL: `http://127.0.0.1:${bridgePort}`,
      RETELL_API_URL: `http://127.0.0.1:${fakePorts[0]}`,
      CALCOM_API_URL: `http://127.0.0.1:${fakePorts[1]}`,
      STRIPE_API_URL: `http://127.0.0.1:${fakePorts[2]}`,
      SENDGRID_API_URL: `http://127.0.0.1:${fakePorts[3]}`,
      // nginx reaches the replicas from 127.0.0.1: its X-Forwarded-For is believed, a client's own is not.
      TRUSTED_PROXIES: "127.0.0.1",
      NEXTAUTH_URL: publicUrl,
      APP_URL: publicUrl,
      // Two shared cores run five processes here: the gateway's 250 ms Redis deadline would turn some of
      // a burst's decisions into 503s (tested on their own in gateway-limits.test.ts). This test counts admissions.
      GATEWAY_REDIS_TIMEOUT_MS: "10000",
      // As deployed (docker-compose.yml): the gateway's decision over TCP.
      GATEWAY_REDIS_TRANSPORT: "tcp",
      GATEWAY_FALLBACK_INSTANCES: String(REPLICAS),
      // A breaker tripped in the test stays open while every replica is asked.
      BREAKER_OPEN_SECONDS: "120",
      WORKER_DRAIN_TIMEOUT_MS: "2000",
      // Modest replicas: three Next servers share two cores with everything else.
      NODE_OPTIONS: "--max-old-space-size=768",
    };

    this.spawnNode("bridge", "scripts/bridge.ts", [], env);
    this.spawnNode("fakes", "scripts/fakes.ts", [], env);
    await waitForHttp(`${env.RETELL_API_URL}/__fake/requests`, 30_000, () => this.alive("fakes"));
    await waitForBridge(env.UPSTASH_REDIS_REST_URL!, env.UPSTASH_REDIS_REST_TOKEN!, () => this.alive("bridge"));
    this.spawnNode("worker", "scripts/worker.ts", [], env);
    replicaPorts.forEach((port, i) =>
      this.spawnNode(`replica-${i + 1}`, "scripts/server.ts", [], {
        ...env,
        PORT: String(port),
        HOST: "127.0.0.1",
        // The edge's miss path asks its own Node side (as INTERNAL_APP_URL does in compose).
        INTERNAL_APP_URL: `http://127.0.0.1:${port}`,
      }),
    );

    const include = path.join(this.dir, "switchboard.conf");
    writeFileSync(
      include,
      renderNginxConf(readFileSync(DEPLOY_NGINX_CONF, "utf8"), {
        listen: `127.0.0.1:${nginxPort}`,
        upstreams: replicaPorts.map((p) => `127.0.0.1:${p}`),
      }),
    );
    const mainConf = path.join(this.dir, "nginx.conf");
    writeFileSync(mainConf, mainNginxConf(this.dir, include));
    const check = spawnSync(NGINX, ["-t", "-p", this.dir, "-c", mainConf, "-e", path.join(this.dir, "error.log")], { encoding: "utf8" });
    if (check.status !== 0) throw new Error(`nginx -t refused the config:\n${check.stderr}`);
    this.spawnNode(
      "nginx",
      "tests/cluster/guarded.ts",
      [NGINX, "-p", this.dir, "-c", mainConf, "-e", path.join(this.dir, "error.log")],
      env,
    );

    // Ready = MySQL, Redis and a worker heartbeat, asked of each replica, then through nginx.
    await Promise.all(
      replicaPorts.map((port, i) =>
        waitForHttp(`http://127.0.0.1:${port}/api/health/ready`, 180_000, () => this.allAlive() && this.alive(`replica-${i + 1}`)),
      ),
    );
    await waitForHttp(`${publicUrl}/api/health/ready`, 30_000, () => this.alive("nginx"));

    return {
      url: publicUrl,
      replicas: replicaPorts.map((p) => `127.0.0.1:${p}`),
      retellFake: env.RETELL_API_URL!,
      accessLog: path.join(this.dir, "access.log"),
      redisUrl: TEST_ENV.REDIS_URL!,
      keyPrefix: TEST_ENV.REDIS_KEY_PREFIX!,
    };
  }

  /** SIGTERM to every process group (nginx last in, first out), SIGKILL what is left after 15 s. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      const procs = [...this.procs].reverse();
      for (const p of procs) if (running(p.child)) this.signal(p, "SIGTERM");
      const force = setTimeout(() => this.killAllNow(), 15_000);
      await Promise.all(procs.map((p) => exited(p.child)));
      clearTimeout(force);
      // nginx's workers share its group: make sure none outlived the master.
      for (const p of procs) this.signal(p, "SIGKILL");
      process.off("exit", this.killAllNow);
    })();
    return this.stopping;
  }

  /** The last lines each process wrote (shown when the start fails). */
  logs(lines = 15): string {
    return this.procs
      .map((p) => {
        const text = existsSync(p.log) ? readFileSync(p.log, "utf8").trimEnd().split("\n").slice(-lines).join("\n") : "";
        return `--- ${p.name} (${running(p.child) ? "running" : `exited ${p.child.exitCode ?? p.child.signalCode}`})\n${text}`;
      })
      .join("\n");
  }

  private alive(name: string): boolean {
    const p = this.procs.find((x) => x.name === name);
    return !!p && running(p.child);
  }

  private allAlive(): boolean {
    return this.procs.every((p) => running(p.child));
  }

  private signal(p: Proc, signal: NodeJS.Signals) {
    try {
      // Negative pid: the whole group (detached: each child leads its own).
      if (p.child.pid) process.kill(-p.child.pid, signal);
    } catch {
      // the group is gone
    }
  }

  private spawn(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, ipc = false) {
    const log = path.join(this.dir, `${name}.log`);
    const fd = openSync(log, "a");
    const child = spawn(command, args, { env, detached: true, stdio: ["ignore", fd, fd, ...(ipc ? (["ipc"] as const) : [])] });
    closeSync(fd);
    this.procs.push({ name, child, log });
  }

  private spawnNode(name: string, script: string, args: string[], env: NodeJS.ProcessEnv) {
    const exitWithParent = new URL("../../scripts/lib/exit-with-parent.ts", import.meta.url).href;
    this.spawn(name, process.execPath, ["--import", "tsx", "--import", exitWithParent, path.resolve(script), ...args], env, true);
  }
}

/** The production build `npm run test:e2e` made; built once here when there is none. */
function ensureBuild() {
  if (existsSync(".next/BUILD_ID")) {
    console.log(`test:cluster: the production build of ${statSync(".next/BUILD_ID").mtime.toISOString()} (npm run build refreshes it)`);
    return;
  }
  console.log("test:cluster: no .next build yet — running next build once");
  const built = spawnSync("npx", ["next", "build"], { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
  if (built.status !== 0) throw new Error("next build failed");
}

async function waitForBridge(url: string, token: string, isAlive: () => boolean) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error("the REST bridge exited");
    const res = await fetch(url, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(["PING"]),
      signal: AbortSignal.timeout(2_000),
    }).catch(() => null);
    if (res?.ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("the REST bridge did not answer within 30 s");
}
