import mysql from "mysql2/promise";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { assertLocalTestDatabase } from "@/lib/db/assert-local-test-database";
import { PRODUCTION_SECRETS } from "@/lib/env/production-secrets";
import { freshShellEnv, runScript } from "../helpers/run-script";
import { TEST_ENV } from "../setup/test-env";

/**
 * SPEC "Production safety", against real processes: `npm start` (scripts/start.ts), the worker, the
 * bridge and Next's instrumentation hook each refuse to start in production without the operator's
 * own secrets, one line per variable; SWITCHBOARD_DEMO=1 is the only way around it.
 */
const NAMES = PRODUCTION_SECRETS.map((s) => s.name);
const own = Object.fromEntries(NAMES.map((n) => [n, `${n.toLowerCase()}-operators-own-value-4f9a1c7e`]));
const published = Object.fromEntries(PRODUCTION_SECRETS.map((s) => [s.name, s.published[0]!]));

/** A database of this file's own, so "nothing was created" can be checked; dropped afterwards. */
const freshDbUrl = (() => {
  const url = new URL(TEST_ENV.DATABASE_URL!);
  url.pathname = `${url.pathname}_prodstart`.replace(/_test_prodstart$/, "_prodstart_test");
  return url.toString();
})();
const dbName = new URL(freshDbUrl).pathname.slice(1);
const dataDir = mkdtempSync(path.join(tmpdir(), "sb-prodstart-"));

function productionEnv(extra: Record<string, string> = {}) {
  return freshShellEnv({
    NODE_ENV: "production",
    DATABASE_URL: freshDbUrl,
    REDIS_URL: TEST_ENV.REDIS_URL!,
    REDIS_KEY_PREFIX: "sbprod:",
    // Port 0: the bridge takes any free port, so this never collides with the suite's bridge.
    BRIDGE_PORT: "0",
    // Ports nothing listens on: should the launcher get past its checks, Next cannot collide with anything.
    PORT: String(TEST_ENV.BRIDGE_PORT ? Number(TEST_ENV.BRIDGE_PORT) + 7 : 18086),
    DATA_DIR: dataDir,
    LOG_LEVEL: "warn",
    ...extra,
  });
}

async function withServer<T>(fn: (conn: mysql.Connection) => Promise<T>): Promise<T> {
  const url = new URL(freshDbUrl);
  url.pathname = "/";
  const conn = await mysql.createConnection(url.toString());
  try {
    return await fn(conn);
  } finally {
    await conn.end();
  }
}
const databaseExists = () => withServer(async (c) => ((await c.query("SHOW DATABASES LIKE ?", [dbName]))[0] as unknown[]).length > 0);

/** The refusal's lines that name a variable ("✖ NAME …"). */
const refusedNames = (output: string) => [...output.matchAll(/^✖ ([A-Z_]+) /gm)].map((m) => m[1]);

afterAll(async () => {
  assertLocalTestDatabase(freshDbUrl);
  await withServer((c) => c.query(`DROP DATABASE IF EXISTS \`${dbName}\``));
});

describe("npm start (scripts/start.ts) in production", () => {
  it("with no secrets set: exits 1 naming every missing secret on its own line, before touching the database", async () => {
    await withServer((c) => c.query(`DROP DATABASE IF EXISTS \`${dbName}\``));
    const run = await runScript(["scripts/start.ts"], productionEnv());
    expect(run.code).toBe(1);
    expect(refusedNames(run.stderr)).toEqual(NAMES);
    for (const name of NAMES) expect(run.stderr).toMatch(new RegExp(`^✖ ${name} is not set: `, "m"));
    expect(run.stderr).toContain("SWITCHBOARD_DEMO=1");
    expect(await databaseExists()).toBe(false);
  }, 60_000);

  it("with every secret at the repository's local default: refuses each by name", async () => {
    const run = await runScript(["scripts/start.ts"], productionEnv(published));
    expect(run.code).toBe(1);
    expect(refusedNames(run.stderr)).toEqual(NAMES);
    for (const name of NAMES) expect(run.stderr).toMatch(new RegExp(`^✖ ${name} is the repository's public local default`, "m"));
    // No secret value is echoed back.
    for (const value of Object.values(published)) expect(run.stderr).not.toContain(value);
  }, 60_000);

  it("with SWITCHBOARD_DEMO=1: accepted (it goes on to check MySQL, unreachable here)", async () => {
    const run = await runScript(
      ["scripts/start.ts"],
      productionEnv({ SWITCHBOARD_DEMO: "1", DATABASE_URL: "mysql://root@127.0.0.1:1/switchboard_unreachable_test" }),
    );
    expect(run.code).toBe(1);
    expect(refusedNames(run.stderr)).toEqual([]);
    expect(run.stderr).not.toContain("refuses to start");
    expect(run.stderr).toMatch(/MySQL|MariaDB|database/i);
  }, 60_000);

  it("with every secret set on an empty database: accepted, migrates, seeds nobody and says how to create the first admin", async () => {
    await withServer((c) => c.query(`DROP DATABASE IF EXISTS \`${dbName}\``));
    const run = await runScript(["scripts/start.ts"], productionEnv(own), { until: /npm run admin:create/ });
    expect(run.stoppedAtMatch).toBe(true);
    expect(run.stderr).not.toContain("refuses to start");
    expect(run.stdout).toContain("No platform admin yet");
    expect(run.stdout).not.toContain("seeding demo data");
    const [users, companies] = await withServer(async (c) => {
      const [u] = (await c.query(`SELECT COUNT(*) AS n FROM \`${dbName}\`.users`)) as [{ n: number }[], unknown];
      const [co] = (await c.query(`SELECT COUNT(*) AS n FROM \`${dbName}\`.companies`)) as [{ n: number }[], unknown];
      return [Number(u[0]!.n), Number(co[0]!.n)];
    });
    expect(users).toBe(0);
    expect(companies).toBe(0);
  }, 120_000);

  it("SEED_IF_EMPTY=true does not bring the demo data back without SWITCHBOARD_DEMO=1", async () => {
    const run = await runScript(["scripts/start.ts"], productionEnv({ ...own, SEED_IF_EMPTY: "true" }), { until: /npm run admin:create/ });
    expect(run.stoppedAtMatch).toBe(true);
    expect(run.stdout).not.toContain("seeding demo data");
    const [rows] = await withServer((c) => c.query(`SELECT COUNT(*) AS n FROM \`${dbName}\`.users`));
    expect(Number((rows as { n: number }[])[0]!.n)).toBe(0);
  }, 120_000);
});

describe("Next's instrumentation hook (next start without the launcher)", () => {
  const register = ["-e", "import('./instrumentation.ts').then((m) => m.register()).then(() => console.log('registered'))"];
  const nodeRuntime = (extra: Record<string, string>) => productionEnv({ NEXT_RUNTIME: "nodejs", ...extra });

  it("refuses each secret left at its local default alone, naming only that one", async () => {
    for (const name of NAMES) {
      const run = await runScript(register, nodeRuntime({ ...own, [name]: published[name]! }));
      expect(run.code, name).toBe(1);
      expect(refusedNames(run.stderr), name).toEqual([name]);
    }
  }, 180_000);

  it("accepts every secret set, and the demo asked for by name; skips next build", async () => {
    for (const extra of [own, { SWITCHBOARD_DEMO: "1" }, { NEXT_PHASE: "phase-production-build" }]) {
      const run = await runScript(register, nodeRuntime(extra));
      expect(run.code).toBe(0);
      expect(run.stdout).toContain("registered");
    }
  }, 60_000);
});

describe("the worker and the bridge in production", () => {
  it("the worker refuses to start without the secrets", async () => {
    const run = await runScript(["scripts/worker.ts"], productionEnv());
    expect(run.code).toBe(1);
    expect(refusedNames(run.stderr)).toEqual(NAMES);
  }, 60_000);

  it("the bridge refuses a missing or published token and serves with the operator's own", async () => {
    const missing = await runScript(["scripts/bridge.ts"], productionEnv());
    expect(missing.code).toBe(1);
    expect(refusedNames(missing.stderr)).toEqual(["UPSTASH_REDIS_REST_TOKEN"]);
    const test = await runScript(["scripts/bridge.ts"], productionEnv({ UPSTASH_REDIS_REST_TOKEN: TEST_ENV.UPSTASH_REDIS_REST_TOKEN! }));
    expect(refusedNames(test.stderr)).toEqual(["UPSTASH_REDIS_REST_TOKEN"]);
    const ok = await runScript(["scripts/bridge.ts"], productionEnv({ UPSTASH_REDIS_REST_TOKEN: own.UPSTASH_REDIS_REST_TOKEN! }), {
      until: /Upstash REST bridge on/,
    });
    expect(ok.stoppedAtMatch).toBe(true);
  }, 60_000);
});
