import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * A MariaDB server of its own (Debian's `mariadb-install-db` and `/usr/sbin/mariadbd`) with its data in
 * a temporary directory, on one port, for runs that must not touch the shared server: the suite at
 * another date (scripts/test-dates.ts) and the fault test, which kills it and starts it again on the
 * same data (scripts/test-faults.ts).
 */
export interface PrivateMariaDb {
  port: number;
  dir: string;
  /** The running server's pid (undefined while stopped). */
  readonly pid: number | undefined;
  /** `mysql://root@127.0.0.1:<port>/<database>` (root without a password, loopback only). */
  url(database: string): string;
  /** Starts mariadbd on the existing data (after `kill`: InnoDB's crash recovery runs first). */
  start(): Promise<void>;
  /** SIGKILL: what a crash looks like. */
  kill(): Promise<void>;
  /** Stops it (SIGTERM, a clean shutdown) and removes its directory. */
  close(): Promise<void>;
}

export function waitForPort(port: number, timeoutMs: number, isAlive: () => boolean = () => true): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = createConnection({ host: "127.0.0.1", port }, () => {
        socket.end();
        resolve();
      });
      socket.on("error", () => {
        socket.destroy();
        if (!isAlive()) reject(new Error(`the process that should listen on ${port} exited`));
        else if (Date.now() > deadline) reject(new Error(`nothing listens on ${port}`));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

export async function startPrivateMariaDb(opts: { port: number; env?: NodeJS.ProcessEnv; prefix?: string }): Promise<PrivateMariaDb> {
  const dir = mkdtempSync(path.join(tmpdir(), opts.prefix ?? "switchboard-mariadb-"));
  const install = spawnSync(
    "mariadb-install-db",
    ["--no-defaults", `--datadir=${dir}/data`, "--auth-root-authentication-method=normal", "--skip-test-db", "--user=root"],
    { encoding: "utf8" },
  );
  if (install.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`mariadb-install-db failed (apt-get install mariadb-server): ${install.stderr || install.error?.message}`);
  }
  let child: ChildProcess | undefined;
  const running = () => child !== undefined && child.exitCode === null && child.signalCode === null;
  const self: PrivateMariaDb = {
    port: opts.port,
    dir,
    get pid() {
      return running() ? child?.pid : undefined;
    },
    url: (database) => `mysql://root@127.0.0.1:${opts.port}/${database}`,
    async start() {
      child = spawn(
        "/usr/sbin/mariadbd",
        [
          "--no-defaults",
          `--datadir=${dir}/data`,
          `--socket=${dir}/mysqld.sock`,
          `--pid-file=${dir}/mysqld.pid`,
          `--log-error=${dir}/error.log`,
          `--port=${opts.port}`,
          "--bind-address=127.0.0.1",
          "--user=root",
          "--skip-log-bin",
          "--skip-name-resolve",
          "--innodb-buffer-pool-size=128M",
        ],
        { env: opts.env ?? process.env, stdio: "ignore" },
      );
      await waitForPort(opts.port, 60_000, running);
    },
    async kill() {
      const c = child;
      if (!c || !running()) return;
      const gone = new Promise((resolve) => c.once("exit", resolve));
      c.kill("SIGKILL");
      await gone;
    },
    async close() {
      const c = child;
      if (c && running()) {
        const gone = new Promise((resolve) => c.once("exit", resolve));
        c.kill("SIGTERM");
        const force = setTimeout(() => c.kill("SIGKILL"), 20_000);
        await gone;
        clearTimeout(force);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  // A crash of the caller must not leave a server behind: the last thing this process does is kill it.
  process.once("exit", () => {
    if (running()) child?.kill("SIGKILL");
  });
  try {
    await self.start();
  } catch (err) {
    await self.close();
    throw err;
  }
  return self;
}
