import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { PRODUCTION_SECRETS } from "@/lib/env/production-secrets";

export interface ScriptRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Output matched `until` and the process was stopped with SIGTERM. */
  stoppedAtMatch: boolean;
}

/**
 * The environment of a child that starts like a fresh shell on a server: PATH and HOME only, every
 * production secret explicitly empty (so no `.env` or `.data/local.env` on this machine fills it in),
 * then `env`.
 */
export function freshShellEnv(env: Record<string, string>): Record<string, string> {
  const blank = Object.fromEntries(PRODUCTION_SECRETS.map((s) => [s.name, ""]));
  return { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", NEXT_TELEMETRY_DISABLED: "1", ...blank, ...env };
}

/**
 * Runs a TypeScript entrypoint as `npm run` would (node + tsx, with exit-with-parent.ts preloaded so it
 * never outlives this test process), with exactly `env`. With `until`, SIGTERMs it once its output
 * matches and waits for it to exit.
 */
export function runScript(
  args: string[],
  env: Record<string, string>,
  opts: { until?: RegExp; timeoutMs?: number } = {},
): Promise<ScriptRun> {
  const exitWithParent = pathToFileURL(path.resolve("scripts/lib/exit-with-parent.ts")).href;
  const [entry, ...rest] = args;
  const argv =
    entry === "-e"
      ? ["--import", "tsx", "--import", exitWithParent, ...args]
      : ["--import", "tsx", "--import", exitWithParent, path.resolve(entry!), ...rest];
  const child: ChildProcess = spawn(process.execPath, argv, { env: env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe", "ipc"] });
  let stdout = "";
  let stderr = "";
  let stoppedAtMatch = false;
  const check = () => {
    if (opts.until && !stoppedAtMatch && opts.until.test(stdout + stderr)) {
      stoppedAtMatch = true;
      child.kill("SIGTERM");
    }
  };
  child.stdout?.on("data", (c: Buffer) => ((stdout += c.toString()), check()));
  child.stderr?.on("data", (c: Buffer) => ((stderr += c.toString()), check()));
  const timer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs ?? 60_000);
  return new Promise((resolve) =>
    child.on("exit", (code: number | null) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, stoppedAtMatch });
    }),
  );
}
