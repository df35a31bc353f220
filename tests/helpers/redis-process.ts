import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort, waitForPing, withoutFakeTime } from "./bridge-private-redis";

/** A redis-server of the test's own that the test can stop and start again (empty: saving is off), on one port. */
export interface RedisProcess {
  port: number;
  password: string;
  /** The running server's pid (undefined while stopped). */
  readonly pid: number | undefined;
  url(db?: number): string;
  /** SIGKILL: what a crash looks like; the data is gone (nothing is saved). */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it and removes its directory. */
  close(): Promise<void>;
}

export async function startRedisProcess(password = "faults-redis-pass"): Promise<RedisProcess> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), "faults-redis-"));
  let child: ChildProcess | undefined;
  const self: RedisProcess = {
    port,
    password,
    get pid() {
      return child && child.exitCode === null && child.signalCode === null ? child.pid : undefined;
    },
    url: (db = 0) => `redis://:${encodeURIComponent(password)}@127.0.0.1:${port}/${db}`,
    async start() {
      child = spawn(
        "redis-server",
        ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir, "--requirepass", password],
        { stdio: "ignore", env: withoutFakeTime(process.env) },
      );
      await waitForPing(port, password);
    },
    async stop() {
      const c = child;
      child = undefined;
      if (!c || c.exitCode !== null) return;
      const gone = new Promise((resolve) => c.once("exit", resolve));
      c.kill("SIGKILL");
      await gone;
    },
    async close() {
      await self.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await self.start();
  return self;
}
