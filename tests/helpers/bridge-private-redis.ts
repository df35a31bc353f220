import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import { afterAll, beforeAll } from "vitest";

/**
 * A redis-server of the test's own, on a free port in a temp directory, for what must never run
 * against the shared Redis: commands that would flush, reconfigure or stop it if the bridge let them
 * through, and ACL users. Password-protected like a deployed Redis.
 */
export interface PrivateRedis {
  port: number;
  /** The server's data directory (CONFIG dir): nothing may be written there (saving is off). */
  dir: string;
  password: string;
  /** `redis://[user:]password@127.0.0.1:<port>/<db>`, the password percent-encoded. */
  url(db: number, user?: { name: string; password: string }): string;
  /** An admin connection (the default user) on `db`, closed with the server. */
  admin(db?: number): Redis;
}

export function withoutFakeTime(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { LD_PRELOAD: _preload, FAKETIME: _faketime, ...rest } = env;
  return rest;
}

/** Starts the server in beforeAll and stops it (the process this file started) in afterAll. */
export function setupPrivateRedis(password = "admin p@ss/wörd%"): PrivateRedis {
  let child: ChildProcess | undefined;
  let port = 0;
  let dir = "";
  const admins: Redis[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "bridge-redis-"));
    port = await freePort();
    child = spawn(
      "redis-server",
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir, "--requirepass", password],
      // Redis keeps the real clock when the suite runs under libfaketime (npm run test:dates): it
      // cannot run with libfaketime preloaded, and the app only gives it relative TTLs.
      { stdio: "ignore", env: withoutFakeTime(process.env) },
    );
    const exited = new Promise<never>((_, reject) => {
      child?.once("error", (err) => reject(new Error(`redis-server could not start (${err.message}); install Redis 7`)));
      child?.once("exit", (code) => reject(new Error(`redis-server exited with ${code}`)));
    });
    await Promise.race([waitForPing(port, password), exited]);
  });

  afterAll(async () => {
    for (const admin of admins) admin.disconnect();
    if (child && child.exitCode === null) {
      const gone = new Promise((resolve) => child?.once("exit", resolve));
      child.kill("SIGTERM");
      await gone;
    }
    if (dir && existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  });

  return {
    get port() {
      return port;
    },
    get dir() {
      return dir;
    },
    password,
    url(db, user) {
      const u = new URL(`redis://127.0.0.1:${port}/${db}`);
      u.username = user ? encodeURIComponent(user.name) : "";
      u.password = encodeURIComponent(user ? user.password : password);
      return u.toString();
    },
    admin(db = 0) {
      const admin = new Redis({ port, host: "127.0.0.1", password, db, maxRetriesPerRequest: 1 });
      admins.push(admin);
      return admin;
    },
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function waitForPing(port: number, password: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const probe = new Redis({ port, host: "127.0.0.1", password, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on("error", () => {});
    try {
      await probe.connect();
      await probe.ping();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`redis-server on ${port} did not answer: ${(err as Error).message}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      probe.disconnect();
    }
  }
}
