import { Queue } from "bullmq";
import { Redis } from "ioredis";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/lib/db/client";
import { PLATFORM_SCOPE, webhookEvents } from "@/lib/db/schema/webhook-events";
import { createId } from "@/lib/ids/create-id";
import { bullPrefix } from "@/lib/jobs/keys";
import { keepSchedules } from "@/lib/jobs/worker/keep-schedules";
import { startWorker, type RunningWorker } from "@/lib/jobs/worker/start-worker";
import { startBridge, type Bridge } from "@/lib/redis/bridge/server";
import { waitFor } from "../helpers/jobs-wait";
import { startRedisProcess, type RedisProcess } from "../helpers/redis-process";
import { webhookRowById } from "../helpers/webhook-harness";

/**
 * The worker against a redis-server of this file's own (TCP for BullMQ, a bridge of its own for the
 * app's REST client), which the test kills and starts again empty: never the shared Redis.
 */
let redis: RedisProcess;
let bridge: Bridge;
let worker: RunningWorker | undefined;
let health: Queue;
let conn: Redis;

const SCHEDULES = ["registry-health-check", "webhook-requeue-stale"];
const schedulerIds = async (q: Queue) => (await q.getJobSchedulers()).map((s) => s.key ?? s.name).sort();

/** A delivery recorded two minutes ago whose job never existed (its enqueue failed): only the sweeper can queue it. */
async function stuckDelivery(): Promise<string> {
  const id = createId("webhookEvent");
  await getDb()
    .insert(webhookEvents)
    .values({
      id,
      provider: "sendgrid",
      eventId: `stuck:${id}`,
      eventType: "batch",
      scope: PLATFORM_SCOPE,
      companyId: null,
      payload: { events: [] },
      receivedAt: new Date(Date.now() - 120_000),
    });
  return id;
}

beforeAll(async () => {
  redis = await startRedisProcess();
  bridge = await startBridge({ port: 0, redisUrl: redis.url(0), token: process.env.UPSTASH_REDIS_REST_TOKEN! });
  // Before anything reads the Redis env: the worker's TCP connections and the app's REST client both go to this Redis.
  process.env.REDIS_URL = redis.url(0);
  process.env.UPSTASH_REDIS_REST_URL = bridge.url;
  conn = new Redis(redis.url(0), { maxRetriesPerRequest: null });
  conn.on("error", () => undefined);
  health = new Queue("health", { connection: conn, prefix: bullPrefix() });
  worker = await startWorker({
    queues: ["health", "webhooks"],
    webhookSweepEveryMs: 300,
    registryHealthEveryMs: 60_000,
    rollupEveryMs: 60_000,
    // Long: the first test proves the re-registration on reconnect, not the periodic check.
    scheduleCheckMs: 600_000,
    heartbeatMs: 1_000,
    outboxBlockMs: 100,
    backoffMs: 20,
    log: pino({ level: "silent" }),
  });
});

afterAll(async () => {
  await worker?.close();
  await health?.close();
  conn?.disconnect();
  await bridge?.close();
  await redis?.close();
  await closeDb();
});

describe("the worker's repeatable jobs when Redis restarts empty", () => {
  it("are registered at start", async () => {
    expect(await schedulerIds(health)).toEqual(expect.arrayContaining(SCHEDULES));
  });

  it("come back once the connection is back, and a delivery stuck in `received` is then processed", async () => {
    await conn.set("faults:marker", "1");
    await redis.stop();
    await redis.start(); // empty: saving is off
    // Empty indeed (the schedules may already be back: the worker reconnects on its own).
    expect(await conn.get("faults:marker")).toBeNull();
    await waitFor(async () => (await schedulerIds(health)).length >= SCHEDULES.length, {
      timeoutMs: 20_000,
      what: "schedules registered again",
    });
    expect(await schedulerIds(health)).toEqual(expect.arrayContaining(SCHEDULES));

    const id = await stuckDelivery();
    const row = await waitFor(
      async () => {
        const r = await webhookRowById(id);
        return r?.status === "processed" ? r : undefined;
      },
      { timeoutMs: 20_000, what: `stuck delivery ${id} processed` },
    );
    expect(row.attempts).toBe(1);
  });
});

describe("keepSchedules", () => {
  it("registers a schedule again when a periodic check finds it gone (a flush leaves the connection up)", async () => {
    const q = new Queue("keep-schedules-test", { connection: conn, prefix: bullPrefix() });
    const stop = await keepSchedules([{ queue: q, id: "probe-schedule", every: 60_000 }], conn, pino({ level: "silent" }), 200);
    try {
      expect(await schedulerIds(q)).toEqual(["probe-schedule"]);
      await q.removeJobScheduler("probe-schedule");
      expect(await schedulerIds(q)).toEqual([]);
      await waitFor(async () => (await schedulerIds(q)).includes("probe-schedule"), { timeoutMs: 10_000, what: "schedule back" });
    } finally {
      stop();
      await q.obliterate({ force: true });
      await q.close();
    }
  });
});
