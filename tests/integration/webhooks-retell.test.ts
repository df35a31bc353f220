import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as LIST_CALLS } from "@/app/api/v1/calls/route";
import { getDb } from "@/lib/db/client";
import { calls } from "@/lib/db/schema/calls";
import { customers } from "@/lib/db/schema/customers";
import { webhookEvents } from "@/lib/db/schema/webhook-events";
import { DEMO_CREDENTIALS } from "@/lib/db/seed/demo-accounts";
import { LOCAL_DEFAULTS } from "@/lib/integrations/local-defaults";
import { signRetellPayload } from "@/lib/integrations/retell/signature";
import type { CallListItem } from "@/lib/services/calls/schemas";
import type { Capture } from "../helpers/fakes-capture";
import { fakeControl, fakeSendWebhook, type FakeDelivery } from "../helpers/fakes-control";
import { signedRequest } from "../helpers/signed-request";
import { setupWebhookHarness } from "../helpers/webhook-fixture";
import { deliveryFootprint, waitForWebhook, webhookRow, type WebhookHarness } from "../helpers/webhook-harness";
import { replay, type WebhookAnswer } from "../helpers/webhook-server";
import { seedWebhookTenant, uniquePhone, type WebhookTenant } from "../helpers/webhook-tenants";

type RetellEvent = "call_started" | "call_ended" | "call_analyzed";
const harness = setupWebhookHarness();
let h: WebhookHarness;
let capture: Capture;

beforeAll(() => {
  ({ h, capture } = harness);
});

/** Someone phones the tenant: a call in the fake's account for `apiKey` (the platform's unless the tenant has its own). */
async function inboundCall(t: WebhookTenant, opts: { apiKey?: string; from?: string } = {}): Promise<{ call_id: string; from: string }> {
  const from = opts.from ?? uniquePhone();
  const call = await fakeControl<{ call_id: string }>(h.fake.retell, "POST", "/__fake/calls", {
    apiKey: opts.apiKey ?? LOCAL_DEFAULTS.retellApiKey,
    from_number: from,
    to_number: t.phone,
    agent_id: t.agentId,
  });
  return { call_id: call.call_id, from };
}

async function send(callId: string, events: RetellEvent[], extra: Record<string, unknown> = {}, target = h.target("retell")) {
  const { deliveries } = await fakeSendWebhook<{ deliveries: Array<FakeDelivery & { event: RetellEvent }> }>(h.fake.retell, {
    target,
    callId,
    events,
    ...extra,
  });
  return deliveries.map((d) => ({ ...d, json: JSON.parse(d.body || "null") as WebhookAnswer }));
}

const callRow = async (retellCallId: string) => (await getDb().select().from(calls).where(eq(calls.retellCallId, retellCallId)))[0];

async function listCalls(t: WebhookTenant) {
  const res = await LIST_CALLS(await signedRequest("/api/v1/calls?limit=50", { caller: t.owner }));
  return { res, items: ((await res.json()) as { data: CallListItem[] }).data };
}

describe("Retell webhooks: verify → record → queue → process", () => {
  it("three events become one call and one customer, and the call shows in GET /api/v1/calls at once (cache invalidated)", async () => {
    const t = await seedWebhookTenant();
    // Cache the empty list first: only an invalidation can make the next read see the call (TTL 30 s).
    expect((await listCalls(t)).items).toEqual([]);
    const cached = await listCalls(t);
    expect(cached.res.headers.get("x-cache")).toBe("HIT");

    const { call_id, from } = await inboundCall(t);
    const [started] = await send(call_id, ["call_started"]);
    expect(started!.status).toBe(200);
    expect(started!.json.data).toMatchObject({ received: true, duplicate: false });
    const startedRow = await waitForWebhook(started!.json.data!.id!);
    expect(startedRow).toMatchObject({
      provider: "retell",
      eventId: `call_started:${call_id}`,
      companyId: t.companyId,
      attempts: 1,
      lastError: null,
    });

    const afterStart = await listCalls(t);
    expect(afterStart.res.headers.get("x-cache")).toBe("MISS");
    expect(afterStart.items).toHaveLength(1);
    expect(afterStart.items[0]).toMatchObject({ status: "ongoing", direction: "inbound", fromNumber: from, toNumber: t.phone });

    for (const d of await send(call_id, ["call_ended", "call_analyzed"])) {
      expect(d.status).toBe(200);
      await waitForWebhook(d.json.data!.id!);
    }
    const row = await callRow(call_id);
    expect(row).toMatchObject({ companyId: t.companyId, status: "ended", sentiment: "positive", disconnectionReason: "user_hangup" });
    expect(row!.transcript).toContain("book a cleaning");
    expect(row!.analysis).toMatchObject({ call_summary: expect.any(String), call_successful: true });
    expect(row!.durationMs).toBeGreaterThan(0);
    expect(row!.recordingUrl).toContain(call_id);
    const owners = await getDb().select().from(customers).where(eq(customers.companyId, t.companyId));
    expect(owners).toHaveLength(1);
    expect(owners[0]).toMatchObject({ phone: from, id: row!.customerId });

    const listed = (await listCalls(t)).items;
    expect(listed.map((c) => c.id)).toEqual([row!.id]);
    expect(listed[0]).toMatchObject({ status: "ended", sentiment: "positive", customer: { id: row!.customerId, phone: from } });
  });

  it("deliveries out of order (analyzed, ended, then a late started) end in the same row as in order", async () => {
    const t = await seedWebhookTenant();
    const inOrder = await inboundCall(t);
    for (const d of await send(inOrder.call_id, ["call_started", "call_ended", "call_analyzed"])) await waitForWebhook(d.json.data!.id!);

    const shuffled = await inboundCall(t);
    const captured = await send(shuffled.call_id, ["call_started", "call_ended", "call_analyzed"], {}, capture.url);
    const byEvent = Object.fromEntries(captured.map((d) => [d.event, d.sent]));
    for (const event of ["call_analyzed", "call_ended", "call_started"] as const) {
      const answer = await replay(h.target("retell"), byEvent[event]!);
      expect(answer.status).toBe(200);
      await waitForWebhook(answer.json.data!.id!);
    }

    const [a, b] = [await callRow(inOrder.call_id), await callRow(shuffled.call_id)];
    const facts = (r: typeof a) => ({
      status: r!.status,
      sentiment: r!.sentiment,
      hasAnalysis: r!.analysis !== null,
      hasTranscript: !!r!.transcript,
      hasRecording: !!r!.recordingUrl,
      ended: r!.endedAt !== null,
      customer: !!r!.customerId,
    });
    expect(facts(b)).toEqual(facts(a));
    expect(b).toMatchObject({ status: "ended", sentiment: "positive" });
    // The late call_started neither reopened the call nor moved its start.
    const started = JSON.parse(byEvent.call_started!.body) as { call: { start_timestamp: number } };
    expect(b!.startedAt.getTime()).toBe(started.call.start_timestamp);
  });

  it("the same event delivered twice is processed once; a replayed delivery changes nothing", async () => {
    const t = await seedWebhookTenant();
    const { call_id } = await inboundCall(t);
    const [first] = await send(call_id, ["call_ended"]);
    const done = await waitForWebhook(first!.json.data!.id!);
    const rowBefore = await callRow(call_id);
    const before = await deliveryFootprint(h);

    // Retell redelivers (a fresh signature, the same event), and someone replays the captured request.
    const [again] = await send(call_id, ["call_ended"]);
    expect(again!.status).toBe(200);
    expect(again!.json.data).toMatchObject({ duplicate: true, id: done.id, requeued: false });
    const replayed = await replay(h.target("retell"), first!.sent);
    expect(replayed).toMatchObject({ status: 200, json: { data: { duplicate: true, id: done.id } } });

    await new Promise((r) => setTimeout(r, 300));
    expect(await deliveryFootprint(h)).toEqual(before);
    expect(await webhookRow("retell", `call_ended:${call_id}`)).toMatchObject({ status: "processed", attempts: 1 });
    expect((await callRow(call_id))!.updatedAt).toEqual(rowBefore!.updatedAt);
  });

  it("forged, tampered, stale, unsigned and unknown-account deliveries are refused and change nothing", async () => {
    const t = await seedWebhookTenant();
    const { call_id } = await inboundCall(t);
    const [good] = await send(call_id, ["call_started"], {}, capture.url);
    const before = await deliveryFootprint(h);
    const target = h.target("retell");

    const tampered = await replay(target, good!.sent, { body: good!.sent.body.replace(t.phone, "+15550000000") });
    expect(tampered.status).toBe(401);
    expect(tampered.json.error).toMatchObject({ code: "unauthorized", requestId: expect.any(String) });
    const forged = await replay(target, good!.sent, {
      headers: { "x-retell-signature": signRetellPayload(good!.sent.body, "key_forger_0000000000") },
    });
    expect(forged.status).toBe(401);
    const unsigned = await fetch(target, { method: "POST", headers: { "content-type": "application/json" }, body: good!.sent.body });
    expect(unsigned.status).toBe(401);
    const malformed = await replay(target, good!.sent, { headers: { "x-retell-signature": "v=1,d=zz" } });
    expect(malformed).toMatchObject({ status: 400, json: { error: { code: "bad_request" } } });

    // Signed six minutes ago: outside Retell's five-minute window.
    const [stale] = await send(call_id, ["call_ended"], { signedAt: Date.now() - 6 * 60_000 });
    expect(stale!.status).toBe(401);

    // An agent and numbers no company has: there is no key to verify with.
    const body = JSON.stringify({
      event: "call_started",
      call: {
        call_id: "call_nobody",
        call_type: "phone_call",
        agent_id: "agent_nobody",
        call_status: "ongoing",
        from_number: "+15550000001",
        to_number: "+15550000002",
      },
    });
    const nobody = await fetch(target, {
      method: "POST",
      headers: { "content-type": "application/json", "x-retell-signature": signRetellPayload(body, LOCAL_DEFAULTS.retellApiKey) },
      body,
    });
    expect(nobody.status).toBe(401);

    expect(await deliveryFootprint(h)).toEqual(before);
    expect(await callRow(call_id)).toBeUndefined();
  });

  it("a company's own Retell key verifies its calls; a delivery signed with another account's key does not", async () => {
    const own = await seedWebhookTenant({ retellApiKey: DEMO_CREDENTIALS.acme.retellApiKey });
    const { call_id } = await inboundCall(own, { apiKey: DEMO_CREDENTIALS.acme.retellApiKey });
    const [ok] = await send(call_id, ["call_started"]);
    expect(ok!.status).toBe(200);
    await waitForWebhook(ok!.json.data!.id!);
    expect(await callRow(call_id)).toMatchObject({ companyId: own.companyId, status: "ongoing" });

    // The tenant below verifies with the platform key; a call of Globex's account naming its agent is not its own.
    const other = await seedWebhookTenant();
    const intruder = await inboundCall(other, { apiKey: DEMO_CREDENTIALS.globex.retellApiKey });
    const [refused] = await send(intruder.call_id, ["call_started"]);
    expect(refused!.status).toBe(401);
    expect(await callRow(intruder.call_id)).toBeUndefined();
  });

  it("events other than the call lifecycle are acknowledged and not recorded; bodies are bounded and must be JSON", async () => {
    const t = await seedWebhookTenant();
    const before = await deliveryFootprint(h);
    const body = JSON.stringify({
      event: "transcript_updated",
      call: { call_id: "call_x1", call_type: "phone_call", agent_id: t.agentId, call_status: "ongoing", to_number: t.phone },
    });
    const res = await fetch(h.target("retell"), {
      method: "POST",
      headers: { "content-type": "application/json", "x-retell-signature": signRetellPayload(body, LOCAL_DEFAULTS.retellApiKey) },
      body,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { received: true, ignored: true } });

    const huge = await fetch(h.target("retell"), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "x".repeat(4 * 1024 * 1024 + 1),
    });
    expect(huge.status).toBe(413);
    const text = await fetch(h.target("retell"), { method: "POST", headers: { "content-type": "text/plain" }, body: "{}" });
    expect(text.status).toBe(415);
    expect(await deliveryFootprint(h)).toEqual(before);
    expect(await getDb().select().from(webhookEvents).where(eq(webhookEvents.eventId, "call_started:call_x1"))).toEqual([]);
  });
});
