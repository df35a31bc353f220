import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { calls } from "@/lib/db/schema/calls";
import { webhookEvents } from "@/lib/db/schema/webhook-events";
import { LOCAL_DEFAULTS } from "@/lib/integrations/local-defaults";
import { enqueue } from "@/lib/jobs/enqueue";
import { startWorker, type RunningWorker } from "@/lib/jobs/worker/start-worker";
import { startCapture } from "../helpers/fakes-capture";
import { fakeControl, fakeSendWebhook, type FakeDelivery } from "../helpers/fakes-control";
import { inspectQueue } from "../helpers/jobs-queue";
import { waitFor } from "../helpers/jobs-wait";
import { startWebhookHarness, waitForWebhook, webhookRow, webhookRowById, type WebhookHarness } from "../helpers/webhook-harness";
import { replay } from "../helpers/webhook-server";
import { seedWebhookTenant, uniquePhone } from "../helpers/webhook-tenants";

// The app's enqueue, with a switch that makes it fail as a Redis outage would (after the insert committed).
vi.mock("@/lib/jobs/enqueue", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/jobs/enqueue")>();
  return { ...real, enqueue: vi.fn(real.enqueue) };
});

let h: WebhookHarness;
let capture: Awaited<ReturnType<typeof startCapture>>;
let worker: RunningWorker | undefined;
const healthQueue = inspectQueue("health");

beforeAll(async () => {
  // No harness worker: this file's worker is the one with the schedules.
  h = await startWebhookHarness({ worker: false });
  capture = await startCapture();
});
afterAll(async () => {
  await worker?.close();
  // The 200 ms schedule would outlive this file (Redis is flushed per run, not per file).
  await healthQueue.queue.removeJobScheduler("webhook-requeue-stale");
  await healthQueue.close();
  await capture.close();
  await h.close();
});

/** Sweeper runs the health queue has completed so far. */
const sweeps = async () => (await healthQueue.queue.getCompleted(0, 99)).filter((j) => j.name === "webhook-requeue-stale").length;

describe("the webhook sweeper (repeatable job)", () => {
  it("a delivery recorded but never queued, that no vendor retries, is queued by the worker once it is a minute old, processed, and queued once", async () => {
    const t = await seedWebhookTenant();
    const call = await fakeControl<{ call_id: string }>(h.fake.retell, "POST", "/__fake/calls", {
      apiKey: LOCAL_DEFAULTS.retellApiKey,
      from_number: uniquePhone(),
      to_number: t.phone,
      agent_id: t.agentId,
    });
    const { deliveries } = await fakeSendWebhook<{ deliveries: FakeDelivery[] }>(h.fake.retell, {
      target: capture.url,
      callId: call.call_id,
      events: ["call_ended"],
    });
    vi.mocked(enqueue).mockRejectedValueOnce(new Error("redis rest: fetch failed"));
    expect((await replay(h.target("retell"), deliveries[0]!.sent)).status).toBe(503);
    const stuck = (await webhookRow("retell", `call_ended:${call.call_id}`))!;
    expect(stuck).toMatchObject({ status: "received", attempts: 0 });
    // From here on, every enqueue is the sweeper's (the receiver's failed one is forgotten).
    vi.mocked(enqueue).mockClear();
    const queuedFor = () =>
      vi
        .mocked(enqueue)
        .mock.calls.filter(
          ([name, payload]) => name === "webhook-process" && (payload as { webhookEventId: string }).webhookEventId === stuck.id,
        );

    worker = await startWorker({
      queues: ["health", "webhooks"],
      webhookSweepEveryMs: 200,
      backoffMs: 20,
      outboxBlockMs: 100,
      heartbeatMs: 1_000,
    });
    // Younger than a minute: sweep after sweep leaves it alone.
    const before = await sweeps();
    await waitFor(async () => (await sweeps()) >= before + 2, { what: "two sweeps" });
    expect(await webhookRowById(stuck.id)).toMatchObject({ status: "received", attempts: 0 });
    expect(queuedFor()).toHaveLength(0);

    // A minute later (received_at moved back rather than waited for), with no new delivery: the next sweep queues it.
    await getDb()
      .update(webhookEvents)
      .set({ receivedAt: new Date(Date.now() - 61_000) })
      .where(eq(webhookEvents.id, stuck.id));
    expect(await waitForWebhook(stuck.id)).toMatchObject({ status: "processed", attempts: 1, lastError: null });
    expect(await getDb().select().from(calls).where(eq(calls.retellCallId, call.call_id))).toHaveLength(1);
    expect(queuedFor()).toEqual([["webhook-process", { webhookEventId: stuck.id, provider: "retell" }, { jobId: stuck.id }]]);

    // Processed rows are not swept again.
    const after = await sweeps();
    await waitFor(async () => (await sweeps()) >= after + 2, { what: "two more sweeps" });
    expect(queuedFor()).toHaveLength(1);
    expect(await h.webhooksQueue.job(stuck.id)).toMatchObject({ state: "completed", attemptsStarted: 1 });
  });
});
