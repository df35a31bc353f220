import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { calls } from "@/lib/db/schema/calls";
import { customers } from "@/lib/db/schema/customers";
import type { WebhookEvent } from "@/lib/db/schema/webhook-events";
import { LOCAL_DEFAULTS } from "@/lib/integrations/local-defaults";
import { listDeadLetters, retryDeadLetter } from "@/lib/jobs/dead-letters";
import { attemptsFor } from "@/lib/jobs/definitions";
import { enqueue } from "@/lib/jobs/enqueue";
import { WEBHOOK_EVENT_HANDLERS } from "@/lib/webhooks/handlers";
import { requeueStaleWebhookEvents } from "@/lib/webhooks/process/requeue-stale-webhook-events";
import { startCapture } from "../helpers/fakes-capture";
import { fakeControl, fakeSendWebhook, type FakeDelivery } from "../helpers/fakes-control";
import { waitFor } from "../helpers/jobs-wait";
import {
  deliveryFootprint,
  startWebhookHarness,
  waitForWebhook,
  webhookRow,
  webhookRowById,
  type WebhookHarness,
} from "../helpers/webhook-harness";
import { replay } from "../helpers/webhook-server";
import { seedWebhookTenant, uniquePhone, type WebhookTenant } from "../helpers/webhook-tenants";

// The app's enqueue, with a switch that makes it fail as a Redis outage would (after the insert committed).
vi.mock("@/lib/jobs/enqueue", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/jobs/enqueue")>();
  return { ...real, enqueue: vi.fn(real.enqueue) };
});

let h: WebhookHarness;
let capture: Awaited<ReturnType<typeof startCapture>>;

beforeAll(async () => {
  h = await startWebhookHarness();
  capture = await startCapture();
});
afterEach(() => {
  vi.restoreAllMocks();
});
afterAll(async () => {
  await capture.close();
  await h.close();
});

/** A call ended at the tenant, its call_ended delivery captured (not yet delivered to us). */
async function capturedCallEnded(t: WebhookTenant) {
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
  return { callId: call.call_id, sent: deliveries[0]!.sent };
}

const callRows = (retellCallId: string) => getDb().select().from(calls).where(eq(calls.retellCallId, retellCallId));

describe("webhook delivery: nothing is lost", () => {
  it("an enqueue that fails after the insert answers 503; the vendor's retry queues the recorded row and it is processed once", async () => {
    const t = await seedWebhookTenant();
    const { callId, sent } = await capturedCallEnded(t);
    vi.mocked(enqueue).mockRejectedValueOnce(new Error("redis rest: fetch failed"));

    const first = await replay(h.target("retell"), sent);
    expect(first.status).toBe(503);
    expect(first.json.error).toMatchObject({ code: "service_unavailable", requestId: expect.any(String) });
    const recorded = await webhookRow("retell", `call_ended:${callId}`);
    expect(recorded).toMatchObject({ status: "received", attempts: 0 });
    expect(await h.webhooksQueue.queue.getJob(recorded!.id)).toBeUndefined();
    await new Promise((r) => setTimeout(r, 300));
    expect(await callRows(callId)).toEqual([]);

    // Retell retries the delivery: the row is found still `received`, queued under its own id, processed.
    const retry = await replay(h.target("retell"), sent);
    expect(retry).toMatchObject({ status: 200, json: { data: { duplicate: true, requeued: true, id: recorded!.id } } });
    expect(await waitForWebhook(recorded!.id)).toMatchObject({ attempts: 1 });
    expect(await callRows(callId)).toHaveLength(1);

    // Any later retry is a plain duplicate.
    const footprint = await deliveryFootprint(h);
    expect((await replay(h.target("retell"), sent)).json.data).toMatchObject({ duplicate: true, requeued: false });
    expect(await deliveryFootprint(h)).toEqual(footprint);
  });

  it("a recorded delivery no vendor retries is queued again by the stale-row sweep, once", async () => {
    const t = await seedWebhookTenant();
    const { callId, sent } = await capturedCallEnded(t);
    vi.mocked(enqueue).mockRejectedValueOnce(new Error("redis rest: fetch failed"));
    expect((await replay(h.target("retell"), sent)).status).toBe(503);
    const stuck = (await webhookRow("retell", `call_ended:${callId}`))!;
    // Not yet a minute old: left alone.
    expect(await requeueStaleWebhookEvents()).not.toContain(stuck.id);
    const later = new Date(Date.now() + 61_000);
    expect(await requeueStaleWebhookEvents({ now: later })).toContain(stuck.id);
    expect(await waitForWebhook(stuck.id)).toMatchObject({ attempts: 1 });
    expect(await callRows(callId)).toHaveLength(1);
    expect(await requeueStaleWebhookEvents({ now: later })).not.toContain(stuck.id);
  });

  it("a processing attempt whose MySQL write fails is retried with backoff; the retry ends in the right state, with a safe last_error on the way", async () => {
    const t = await seedWebhookTenant();
    const { callId, sent } = await capturedCallEnded(t);
    const real = WEBHOOK_EVENT_HANDLERS["retell:call_ended"]!;
    let seenByRetry: WebhookEvent | undefined;
    const spy = vi
      .spyOn(WEBHOOK_EVENT_HANDLERS, "retell:call_ended")
      .mockImplementationOnce(async (ctx) => {
        // The first attempt writes, then MySQL refuses the next statement (a real driver error).
        await real(ctx);
        await getDb().execute(sql`INSERT INTO no_such_table_for_this_test (id) VALUES (1)`);
        throw new Error("unreachable");
      })
      .mockImplementationOnce(async (ctx) => {
        // What the first failure left on the row, as the retry finds it.
        seenByRetry = await webhookRowById(ctx.event.id);
        return real(ctx);
      });

    const answer = await replay(h.target("retell"), sent);
    expect(answer.status).toBe(200);
    const id = answer.json.data!.id!;
    const done = await waitForWebhook(id);
    expect(done).toMatchObject({ status: "processed", attempts: 2, lastError: null });
    expect(spy).toHaveBeenCalledTimes(2);
    expect(seenByRetry).toMatchObject({ status: "processing", attempts: 2, lastError: expect.stringMatching(/ER_NO_SUCH_TABLE/) });
    expect(seenByRetry!.lastError).not.toMatch(/INSERT|no_such_table_for_this_test/);
    const rows = await callRows(callId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "ended", companyId: t.companyId });
    expect(await getDb().select().from(customers).where(eq(customers.companyId, t.companyId))).toHaveLength(1);
    const job = await h.webhooksQueue.job(id);
    expect(job).toMatchObject({ state: "completed", attemptsMade: 2 });
  });

  it("after every attempt failed, the row stays failed (with a safe error) and a retried dead letter processes it", async () => {
    const t = await seedWebhookTenant();
    const { callId, sent } = await capturedCallEnded(t);
    vi.spyOn(WEBHOOK_EVENT_HANDLERS, "retell:call_ended").mockRejectedValue(
      Object.assign(new Error("Deadlock found when trying to get lock"), { code: "ER_LOCK_DEADLOCK" }),
    );

    const id = (await replay(h.target("retell"), sent)).json.data!.id!;
    const attempts = attemptsFor("webhook-process");
    const failed = await waitFor(
      async () => {
        const row = await webhookRowById(id);
        return row?.status === "failed" && row.attempts === attempts ? row : undefined;
      },
      { what: `${attempts} failed attempts`, timeoutMs: 20_000 },
    );
    expect(failed.lastError).toBe("Error ER_LOCK_DEADLOCK: Deadlock found when trying to get lock");
    const dead = await waitFor(async () => (await listDeadLetters({ limit: 1_000 })).find((d) => d.jobId === id), { what: "dead letter" });
    expect(await callRows(callId)).toEqual([]);

    vi.restoreAllMocks();
    expect(await retryDeadLetter(dead.key)).toMatchObject({ jobId: `${id}-r1` });
    expect(await waitForWebhook(id)).toMatchObject({ attempts: attempts + 1, lastError: null });
    expect(await callRows(callId)).toHaveLength(1);
  });

  it("every receiver bounds its body (413) and wants JSON (415), before anything is recorded", async () => {
    const before = await deliveryFootprint(h);
    const sizes = { retell: 4 * 1024 * 1024, calcom: 128 * 1024, stripe: 256 * 1024, sendgrid: 2 * 1024 * 1024 } as const;
    for (const [vendor, max] of Object.entries(sizes) as Array<[keyof typeof sizes, number]>) {
      const target = h.target(vendor, vendor === "calcom" ? { company: "co_x" } : undefined);
      const big = await fetch(target, { method: "POST", headers: { "content-type": "application/json" }, body: `"${"x".repeat(max)}"` });
      expect(big.status, vendor).toBe(413);
      expect(((await big.json()) as { error: { code: string } }).error.code).toBe("payload_too_large");
      const form = await fetch(target, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "a=1" });
      expect(form.status, vendor).toBe(415);
    }
    expect(await deliveryFootprint(h)).toEqual(before);
  });
});
