import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { readQueueHealth } from "@/lib/jobs/queue-health";
import { waitFor } from "./jobs-wait";

export interface WorkerProcess {
  child: ChildProcess;
  pid: number;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * `scripts/worker.ts` in a child process, as the launcher starts it (with extra env): tied to this test
 * process by an IPC channel (scripts/lib/exit-with-parent.ts), so a test process that dies without its
 * afterEach never leaves a worker behind taking jobs from the next run's Redis.
 */
export function spawnWorker(env: Record<string, string> = {}): WorkerProcess {
  const exitWithParent = pathToFileURL(path.resolve("scripts/lib/exit-with-parent.ts")).href;
  const child = spawn(process.execPath, ["--import", "tsx", "--import", exitWithParent, path.resolve("scripts/worker.ts")], {
    env: { ...process.env, LOG_LEVEL: "silent", ...env },
    stdio: ["ignore", "ignore", "pipe", "ipc"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  return { child, pid: child.pid!, stderr: () => stderr, exited };
}

/** Resolves once the worker's first heartbeat is in Redis (it is then taking jobs). */
export async function waitUntilWorking(w: WorkerProcess): Promise<void> {
  await waitFor(async () => (await readQueueHealth()).workers.some((x) => x.pid === w.pid && !x.stale), {
    timeoutMs: 30_000,
    what: `worker ${w.pid} heartbeat`,
  });
}

export async function stopWorker(w: WorkerProcess): Promise<void> {
  if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill("SIGKILL");
  await w.exited;
}
