import { sql } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { checkQueue } from "@/lib/jobs/queue-health";
import { getRedis } from "@/lib/redis/client";
import { withTimeout } from "./with-timeout";

export interface DependencyStatus {
  name: string;
  ok: boolean;
  latencyMs: number;
  /** A short, safe reason; never a driver's message. */
  reason?: string;
}

const TIMEOUT_MS = 2_000;

async function probe(name: string, run: () => Promise<unknown>): Promise<DependencyStatus> {
  const started = performance.now();
  try {
    await withTimeout(run(), TIMEOUT_MS, name);
    return { name, ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (err) {
    const timedOut = err instanceof Error && err.name === "TimeoutError";
    return { name, ok: false, latencyMs: Math.round(performance.now() - started), reason: timedOut ? "timeout" : "unreachable" };
  }
}

/** Readiness: MySQL, Redis, and a worker taking jobs (heartbeat within 30 s). Checked in parallel, each bounded. */
export async function checkReady(): Promise<{ ok: boolean; checks: DependencyStatus[] }> {
  const checks = await Promise.all([
    probe("mysql", () => getDb().execute(sql`select 1`)),
    probe("redis", () => getRedis().ping()),
    checkQueue(),
  ]);
  return { ok: checks.every((c) => c.ok), checks };
}
