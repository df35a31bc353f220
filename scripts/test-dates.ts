/**
 * Runs the suite with the clock at other dates, to prove no test depends on which day it is.
 *
 *   npm run test:dates                       # vitest at the default dates
 *   npm run test:dates -- --dates 2027-01-01T00:30:00Z,2027-03-15T14:00:00Z
 *   npm run test:dates -- --e2e              # also the Playwright suite (builds once per date)
 *
 * The demo data is anchored to the current day, so "today" must move everywhere at once: the test
 * processes run under libfaketime (`apt-get install faketime`), and so does a private MariaDB started
 * for each date in a temporary directory, since CURRENT_TIMESTAMP defaults come from the server's
 * clock. Redis keeps the real clock: the app gives it only relative TTLs, never absolute times.
 * Prints one line per date with pass/fail and exits non-zero if any date failed.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { startPrivateMariaDb } from "./lib/private-mariadb";

// Jan 1 just after midnight UTC (still Dec 31 in the Americas), a month end late in the UTC evening,
// and the Monday after US daylight-saving time begins.
const DEFAULT_DATES = ["2027-01-01T00:30:00Z", "2027-04-30T23:45:00Z", "2027-03-15T14:00:00Z"];
const LIBFAKETIME = "/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1";
const SLOT = "8";
const MYSQL_PORT = 3400 + Number(SLOT);

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/**
 * One offset for every process of a date (libfaketime's "+seconds" form), computed once: the test
 * processes and MariaDB start at different moments but must agree on what time it is. Redis servers
 * the tests start themselves keep the real clock (they drop LD_PRELOAD), like the shared one.
 */
function fakeTimeEnv(iso: string): Record<string, string> {
  const target = new Date(iso).getTime();
  if (Number.isNaN(target)) throw new Error(`not a date: ${iso}`);
  const offset = Math.round((target - Date.now()) / 1000);
  return {
    LD_PRELOAD: LIBFAKETIME,
    FAKETIME: `${offset >= 0 ? "+" : ""}${offset}`,
    FAKETIME_DONT_FAKE_MONOTONIC: "1",
  };
}

async function startMariaDb(clock: Record<string, string>): Promise<{ stop: () => Promise<void> }> {
  const db = await startPrivateMariaDb({ port: MYSQL_PORT, env: { ...process.env, ...clock }, prefix: "switchboard-dates-" });
  return { stop: () => db.close() };
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, stdio: "inherit" });
    child.once("exit", (code) => resolve(code ?? 1));
  });
}

async function main() {
  if (!existsSync(LIBFAKETIME)) {
    console.error("libfaketime is missing: apt-get install faketime");
    process.exit(2);
  }
  const dates = (argValue("--dates") ?? DEFAULT_DATES.join(",")).split(",").filter(Boolean);
  const e2e = process.argv.includes("--e2e");
  const results: Array<{ date: string; unit: number; e2e?: number }> = [];

  for (const date of dates) {
    console.log(`\n━━ ${date} ━━`);
    const clock = fakeTimeEnv(date);
    const db = await startMariaDb(clock);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...clock,
      TEST_SLOT: SLOT,
      TEST_DATABASE_URL: `mysql://root@127.0.0.1:${MYSQL_PORT}/switchboard_dates_test`,
    };
    try {
      const unit = await run("npx", ["vitest", "run"], env);
      const result: (typeof results)[number] = { date, unit };
      if (e2e) result.e2e = await run("npm", ["run", "test:e2e"], env);
      results.push(result);
    } finally {
      await db.stop();
    }
  }

  console.log("\nDate                    vitest  e2e");
  for (const r of results) {
    const mark = (code: number | undefined) => (code === undefined ? "—" : code === 0 ? "pass" : `FAIL(${code})`);
    console.log(`${r.date.padEnd(24)}${mark(r.unit).padEnd(8)}${mark(r.e2e)}`);
  }
  process.exit(results.every((r) => r.unit === 0 && (r.e2e ?? 0) === 0) ? 0 : 1);
}

void main();
