import { afterEach, describe, expect, it } from "vitest";
import { enqueue } from "@/lib/jobs/enqueue";
import { readQueueHealth } from "@/lib/jobs/queue-health";
import { inspectQueue, traceOf, uniqueName } from "../helpers/jobs-queue";
import { waitFor } from "../helpers/jobs-wait";
import { spawnWorker, stopWorker, waitUntilWorking, type WorkerProcess } from "../helpers/jobs-worker-process";

const started: WorkerProcess[] = [];
const worker = (env: Record<string, string> = {}) => {
  const w = spawnWorker({ JOBS_BACKOFF_MS: "50", ...env });
  started.push(w);
  return w;
};

afterEach(async () => {
  await Promise.all(started.splice(0).map(stopWorker));
});

const startsOf = (runs: string[]) => runs.filter((r) => r.endsWith(":start"));
const donesOf = (runs: string[]) => runs.filter((r) => r.endsWith(":done"));

describe("worker process shutdown (SIGTERM)", () => {
  it("lets the job in flight finish, takes no new job, and exits 0; the next worker runs what was left", async () => {
    const q = inspectQueue("default");
    try {
      const a = worker({ WORKER_DRAIN_TIMEOUT_MS: "20000" });
      await waitUntilWorking(a);
      const slow = uniqueName("slow");
      const { jobId } = await enqueue("echo", { message: "slow", sleepMs: 1_500, trace: slow });
      await waitFor(async () => startsOf(await traceOf(slow)).length === 1, { what: "slow job started" });

      a.child.kill("SIGTERM");
      // The signal is handled asynchronously: enqueue once the worker says it is stopping.
      await waitFor(async () => (await readQueueHealth()).workers.find((w) => w.pid === a.pid)?.stopping, { what: "worker stopping" });
      const later = uniqueName("later");
      const next = await enqueue("echo", { message: "after sigterm", trace: later });
      expect(await a.exited).toEqual({ code: 0, signal: null });
      expect(await traceOf(slow)).toEqual([`${a.pid}:1:start`, `${a.pid}:1:done`]);
      expect(await traceOf(later)).toEqual([]);
      expect((await q.job(jobId))?.state).toBe("completed");
      // it said goodbye: no heartbeat left behind
      expect((await readQueueHealth()).workers.some((w) => w.pid === a.pid)).toBe(false);

      const b = worker();
      await waitFor(async () => (await q.job(next.jobId))?.state === "completed", {
        timeoutMs: 30_000,
        what: "second worker ran the waiting job",
      });
      expect(await traceOf(later)).toEqual([`${b.pid}:1:start`, `${b.pid}:1:done`]);
      // the slow job ran exactly once, in the first worker
      expect(donesOf(await traceOf(slow))).toEqual([`${a.pid}:1:done`]);
    } finally {
      await q.close();
    }
  });

  it("hands a job that outlasts the drain timeout back to the queue (no attempt used); another worker completes it once", async () => {
    const q = inspectQueue("default");
    try {
      const a = worker({ WORKER_DRAIN_TIMEOUT_MS: "200" });
      await waitUntilWorking(a);
      const long = uniqueName("long");
      const { jobId } = await enqueue("echo", { message: "long", sleepMs: 4_000, trace: long });
      await waitFor(async () => startsOf(await traceOf(long)).length === 1, { what: "long job started" });

      const signalledAt = Date.now();
      a.child.kill("SIGTERM");
      expect(await a.exited).toEqual({ code: 0, signal: null });
      expect(Date.now() - signalledAt).toBeLessThan(3_500);
      expect((await q.job(jobId))?.state).toBe("waiting");

      const b = worker();
      const job = await waitFor(
        async () => {
          const j = await q.job(jobId);
          return j?.state === "completed" ? j : undefined;
        },
        { timeoutMs: 30_000, what: "job completed by the second worker" },
      );
      expect(await traceOf(long)).toEqual([`${a.pid}:1:start`, `${b.pid}:1:start`, `${b.pid}:1:done`]);
      expect(job).toMatchObject({ state: "completed", returnvalue: { attempt: 1, pid: b.pid } });
    } finally {
      await q.close();
    }
  });
});

describe("worker start-up", () => {
  it("exits 1 with one clear line when Redis is unreachable", async () => {
    const w = worker({ REDIS_URL: "redis://127.0.0.1:1/0" });
    expect((await w.exited).code).toBe(1);
    const lines = w.stderr().trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^✖ Redis is not reachable at 127\.0\.0\.1:1/);
  });

  it("exits 1 with one clear line when MySQL is unreachable", async () => {
    const w = worker({ DATABASE_URL: "mysql://root@127.0.0.1:1/switchboard_test" });
    expect((await w.exited).code).toBe(1);
    const lines = w.stderr().trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^✖ MySQL is not reachable at 127\.0\.0\.1:1/);
  });
});
