import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueue } from "@/lib/jobs/enqueue";
import { listDeadLetters, retryDeadLetter } from "@/lib/jobs/dead-letters";
import { jobKeys } from "@/lib/jobs/keys";
import { readQueueHealth } from "@/lib/jobs/queue-health";
import { startWorker, type RunningWorker } from "@/lib/jobs/worker/start-worker";
import { getRedis } from "@/lib/redis/client";
import { registerService } from "@/lib/registry/register-service";
import { registrySnapshot } from "@/lib/registry/registry-snapshot";
import { bridgeStats } from "../helpers/bridge-stats";
import { inspectQueue, traceOf, uniqueName } from "../helpers/jobs-queue";
import { waitFor } from "../helpers/jobs-wait";

let worker: RunningWorker | undefined;
const defaultQueue = inspectQueue("default");

// Short backoff so five attempts take milliseconds; repeatable jobs every 200 ms.
const startTestWorker = async () =>
  (worker ??= await startWorker({ backoffMs: 20, heartbeatMs: 200, registryHealthEveryMs: 200, rollupEveryMs: 1_000, outboxBlockMs: 200 }));

afterAll(async () => {
  await worker?.close();
  await defaultQueue.close();
});

describe("enqueue from app code (REST outbox) → worker", () => {
  it("costs one REST round trip, waits in the outbox while no worker runs, and runs when one starts", async () => {
    const trace = uniqueName("t");
    const before = await bridgeStats();
    const { jobId, queue } = await enqueue("echo", { message: "hello", trace });
    const after = await bridgeStats();
    expect(after.requests - before.requests).toBe(1);
    expect(queue).toBe("default");
    expect(await getRedis().xlen(jobKeys.outbox())).toBe(1);
    await startTestWorker();
    const done = await waitFor(
      async () => {
        const j = await defaultQueue.job(jobId);
        return j?.state === "completed" ? j : undefined;
      },
      { what: "echo completed" },
    );
    expect(done.returnvalue).toMatchObject({ message: "hello", attempt: 1, pid: process.pid });
    expect(await traceOf(trace)).toEqual([`${process.pid}:1:start`, `${process.pid}:1:done`]);
    // moved out of the outbox: nothing left behind
    expect(await getRedis().xlen(jobKeys.outbox())).toBe(0);
  });

  it("the same job id enqueued twice runs once", async () => {
    await startTestWorker();
    const trace = uniqueName("t");
    const jobId = uniqueName("dedupe");
    await enqueue("echo", { message: "once", trace }, { jobId });
    await enqueue("echo", { message: "once", trace }, { jobId });
    await waitFor(async () => (await defaultQueue.job(jobId))?.state === "completed", { what: "deduped job completed" });
    await new Promise((r) => setTimeout(r, 400));
    expect((await traceOf(trace)).filter((t) => t.endsWith(":done"))).toHaveLength(1);
  });

  it("a delayed job runs no earlier than its delay", async () => {
    await startTestWorker();
    const enqueuedAt = Date.now();
    const { jobId } = await enqueue("echo", { message: "later" }, { delayMs: 400 });
    const job = await waitFor(
      async () => {
        const j = await defaultQueue.queue.getJob(jobId);
        return j?.finishedOn ? j : undefined;
      },
      { what: "delayed job finished" },
    );
    expect(job.processedOn! - enqueuedAt).toBeGreaterThanOrEqual(400);
  });

  it("refuses a payload its schema rejects, before anything is queued", async () => {
    const before = await getRedis().xlen(jobKeys.outbox());
    await expect(enqueue("echo", { message: 42 } as never)).rejects.toThrow(/Invalid payload for job echo/);
    await expect(enqueue("echo", { message: "x" }, { jobId: "has:colon" })).rejects.toThrow(/Invalid job id/);
    expect(await getRedis().xlen(jobKeys.outbox())).toBe(before);
  });
});

describe("retries and dead letters", () => {
  beforeAll(startTestWorker);

  it("a job that fails twice then succeeds, with its attempts visible", async () => {
    const trace = uniqueName("t");
    const { jobId } = await enqueue("echo", { message: "third time", failAttempts: 2, trace });
    const done = await waitFor(
      async () => {
        const j = await defaultQueue.job(jobId);
        return j?.state === "completed" ? j : undefined;
      },
      { what: "retried job completed" },
    );
    expect(done.returnvalue).toMatchObject({ attempt: 3 });
    expect(done.attemptsStarted).toBe(3);
    const runs = await traceOf(trace);
    expect(runs.filter((t) => t.endsWith(":start"))).toHaveLength(3);
    expect(runs.filter((t) => t.endsWith(":done"))).toEqual([`${process.pid}:3:done`]);
    expect((await listDeadLetters({ limit: 1_000 })).some((d) => d.jobId === jobId)).toBe(false);
  });

  it("after the last attempt the job is a dead letter that can be listed and retried", async () => {
    const { jobId } = await enqueue("echo", { message: "never", failAttempts: 20 });
    const dead = await waitFor(async () => (await listDeadLetters({ limit: 1_000 })).find((d) => d.jobId === jobId), {
      what: "dead letter",
    });
    expect(dead).toMatchObject({
      key: `default:${jobId}`,
      queue: "default",
      name: "echo",
      attemptsMade: 5,
      status: "dead",
      payload: { message: "never", failAttempts: 20 },
    });
    expect(dead.failedReason).toMatch(/planned failure 5 of 20/);
    expect((await defaultQueue.job(jobId))?.state).toBe("failed");

    const retried = await retryDeadLetter(dead.key);
    expect(retried).toEqual({ jobId: `${jobId}-r1`, queue: "default" });
    expect((await listDeadLetters({ limit: 1_000 })).some((d) => d.key === dead.key)).toBe(false);
    expect((await listDeadLetters({ limit: 1_000, includeRetried: true })).find((d) => d.key === dead.key)).toMatchObject({
      status: "retried",
      retriedAs: `${jobId}-r1`,
    });
    // a retried entry is not retried twice
    expect(await retryDeadLetter(dead.key)).toBeNull();
    await waitFor(async () => (await defaultQueue.job(`${jobId}-r1`))?.attemptsStarted, { what: "retry ran" });
  });

  it("an outbox entry with a bad payload is parked as a dead letter, not lost", async () => {
    const jobId = uniqueName("bad");
    await getRedis().xadd(jobKeys.outbox(), "*", { name: "echo", jobId, payload: JSON.stringify({ nope: true }), delayMs: "0" });
    const dead = await waitFor(async () => (await listDeadLetters({ limit: 1_000 })).find((d) => d.jobId === jobId), {
      what: "parked entry",
    });
    expect(dead).toMatchObject({ name: "echo", failedReason: "invalid payload", attemptsMade: 0 });
  });
});

describe("repeatable jobs and health", () => {
  beforeAll(startTestWorker);
  let upstream: Server;
  afterAll(() => new Promise<void>((r) => (upstream ? upstream.close(() => r()) : r())));

  it("the registry health-check job runs on its schedule and records instance health", async () => {
    upstream = createServer((_req, res) => res.end("ok"));
    await new Promise<void>((r) => upstream.listen(0, "127.0.0.1", () => r()));
    const url = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    const name = uniqueName("svc").toLowerCase();
    await registerService({ name, version: "1.2.3", mode: "remote", urls: [url] });
    const instance = await waitFor(
      async () => {
        const svc = (await registrySnapshot()).services.find((s) => s.name === name);
        return svc?.instances[0]?.status === "healthy" ? svc.instances[0] : undefined;
      },
      { what: "scheduled health check" },
    );
    expect(instance).toMatchObject({ url, consecutiveFailures: 0, lastError: null });
  });

  it("the worker's heartbeat shows in the queue health", async () => {
    const { id } = await startTestWorker();
    const health = await waitFor(async () => {
      const h = await readQueueHealth();
      return h.workers.some((w) => w.id === id) ? h : undefined;
    });
    expect(health.ok).toBe(true);
    expect(health.heartbeatAgeMs).toBeLessThan(5_000);
    expect(health.workers.find((w) => w.id === id)).toMatchObject({
      pid: process.pid,
      stale: false,
      queues: expect.arrayContaining(["default", "health", "rollups", "exports"]),
    });
    expect(health.queues.default).toMatchObject({ waiting: expect.any(Number), active: expect.any(Number) });
  });
});
