import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

/**
 * A second (third…) app instance for the cache and breaker tests: a real Node process with its own
 * module state (its own L1, its own Redis client), driven over stdin/stdout with one JSON line per
 * request. The instance scripts (cache-instance.ts, breaker-instance.ts) call `serveInstance`; the
 * tests call `startInstance`.
 */
export interface Instance {
  call<T>(op: string, args?: Record<string, unknown>): Promise<T>;
  close(): Promise<void>;
}

type Handlers = Record<string, (args: Record<string, unknown>) => Promise<unknown>>;

export async function startInstance(script: string): Promise<Instance> {
  const child = spawn(process.execPath, ["--import", "tsx", script], { env: process.env, stdio: ["pipe", "pipe", "inherit"] });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let markReady: () => void = () => {};
  let failStart: (e: Error) => void = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    failStart = reject;
  });
  createInterface({ input: child.stdout }).on("line", (line) => {
    const msg = JSON.parse(line) as { ready?: true; id?: number; result?: unknown; error?: string };
    if (msg.ready) return markReady();
    const waiter = pending.get(msg.id ?? -1);
    if (!waiter) return;
    pending.delete(msg.id ?? -1);
    if (msg.error !== undefined) waiter.reject(new Error(msg.error));
    else waiter.resolve(msg.result);
  });
  child.on("exit", (code) => {
    const err = new Error(`instance ${script} exited with ${code}`);
    failStart(err);
    for (const w of pending.values()) w.reject(err);
    pending.clear();
  });
  await ready;
  return {
    call<T>(op: string, args: Record<string, unknown> = {}) {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        child.stdin.write(`${JSON.stringify({ id, op, args })}\n`);
      });
    },
    close() {
      return new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.stdin.end();
      });
    },
  };
}

/** The instance side: answers each request line with its handler's result (or error message). */
export function serveInstance(handlers: Handlers): void {
  const rl = createInterface({ input: process.stdin });
  rl.on("line", (line) => {
    const { id, op, args } = JSON.parse(line) as { id: number; op: string; args: Record<string, unknown> };
    const handler = handlers[op];
    const run = handler ? handler(args) : Promise.reject(new Error(`unknown op ${op}`));
    run.then(
      (result) => process.stdout.write(`${JSON.stringify({ id, result: result ?? null })}\n`),
      (err: unknown) => process.stdout.write(`${JSON.stringify({ id, error: err instanceof Error ? err.message : String(err) })}\n`),
    );
  });
  rl.on("close", () => process.exit(0));
  process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
}
