import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { calls } from "@/lib/db/schema/calls";
import { LOCAL_DEFAULTS } from "@/lib/integrations/local-defaults";
import { createRetellClient, type RetellCall } from "@/lib/integrations/retell";
import { placeCall } from "@/lib/services/calls/place-call";
import { fakeControl, fakeFaults, fakeRequests, fakeSendWebhook, fakeState, uniqueBreaker } from "../helpers/fakes-control";
import { seedTenant } from "../helpers/seed-rows";
import { cacheVersion, startWebhookHarness, waitForWebhook, type WebhookHarness } from "../helpers/webhook-harness";
import { seedCustomer, seedWebhookTenant, uniquePhone } from "../helpers/webhook-tenants";

let h: WebhookHarness;

beforeAll(async () => {
  h = await startWebhookHarness();
});
afterEach(async () => {
  await fakeControl(h.fake.retell, "DELETE", "/__fake/faults");
});
afterAll(async () => {
  await h.close();
});

const flakyRetell = (timeoutMs = 2_000) =>
  createRetellClient({
    apiKey: LOCAL_DEFAULTS.retellApiKey,
    baseUrl: h.fake.retell,
    breakerName: uniqueBreaker("retell"),
    policy: { timeoutMs },
  });
const callsTo = async (to: string) => (await fakeState<{ calls: RetellCall[] }>(h.fake.retell)).calls.filter((c) => c.to_number === to);
const creates = async () => (await fakeRequests(h.fake.retell, "/v2/create-phone-call")).length;
const rowsOf = (companyId: string) => getDb().select().from(calls).where(eq(calls.companyId, companyId));

describe("placeCall", () => {
  it("dials the customer from the company's number with its agent, writes the call, and the call's webhooks update that same row", async () => {
    const t = await seedWebhookTenant();
    const phone = uniquePhone();
    const customerId = await seedCustomer(t.companyId, { name: "Kim Reyes", phone });
    const before = await cacheVersion(t.companyId, "calls");

    const placed = await placeCall(t.companyId, { customerId, dynamicVariables: { reason: "reminder" } });
    expect(placed).toMatchObject({ from: t.phone, to: phone, customerId, status: "registered" });
    const [dialled, ...more] = await callsTo(phone);
    expect(more).toEqual([]);
    expect(dialled).toMatchObject({
      call_id: placed.retellCallId,
      from_number: t.phone,
      agent_id: t.agentId,
      metadata: { sb_company_id: t.companyId, sb_customer_id: customerId },
    });
    expect(dialled!.retell_llm_dynamic_variables).toEqual({ customer_name: "Kim Reyes", reason: "reminder" });
    expect(await rowsOf(t.companyId)).toEqual([
      expect.objectContaining({ id: placed.id, direction: "outbound", status: "registered", customerId }),
    ]);
    expect(await cacheVersion(t.companyId, "calls")).not.toBe(before);

    const { deliveries } = await fakeSendWebhook(h.fake.retell, {
      target: h.target("retell"),
      callId: placed.retellCallId,
      events: ["call_started", "call_ended"],
    });
    for (const d of deliveries) await waitForWebhook((JSON.parse(d.body) as { data: { id: string } }).data.id);
    expect(await rowsOf(t.companyId)).toEqual([
      expect.objectContaining({ id: placed.id, direction: "outbound", status: "ended", customerId }),
    ]);
  });

  it("a create whose answer is lost (500 after dialling) is found again, not dialled twice", async () => {
    const t = await seedWebhookTenant();
    const to = uniquePhone();
    const before = await creates();
    await fakeFaults(h.fake.retell, { failNext: 1, afterEffect: true, path: "/v2/create-phone-call" });
    const placed = await placeCall(t.companyId, { to }, { retell: flakyRetell(), reconcileDelayMs: 10 });
    expect((await callsTo(to)).map((c) => c.call_id)).toEqual([placed.retellCallId]);
    expect((await creates()) - before).toBe(1);
    expect(await rowsOf(t.companyId)).toHaveLength(1);
  });

  it("the same idempotency key twice dials once; two dials to one number at once: one is refused (409)", async () => {
    const t = await seedWebhookTenant();
    const to = uniquePhone();
    const first = await placeCall(t.companyId, { to, idempotencyKey: "reminder-appt-1" });
    const again = await placeCall(t.companyId, { to, idempotencyKey: "reminder-appt-1" });
    expect(again.retellCallId).toBe(first.retellCallId);
    expect(again.id).toBe(first.id);
    expect(await callsTo(to)).toHaveLength(1);

    const other = uniquePhone();
    await fakeFaults(h.fake.retell, { latencyMs: 400, latencyNext: 1, path: "/v2/create-phone-call" });
    const results = await Promise.allSettled([placeCall(t.companyId, { to: other }), placeCall(t.companyId, { to: other })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { status: 409, code: "conflict" } });
    expect(await callsTo(other)).toHaveLength(1);
  });

  it("refuses a company without a Retell number (422) and another company's customer (404), dialling nothing", async () => {
    const { companyId } = await seedTenant();
    const t = await seedWebhookTenant();
    const foreign = await seedCustomer(companyId);
    const before = await creates();
    await expect(placeCall(companyId, { to: uniquePhone() })).rejects.toMatchObject({ status: 422 });
    await expect(placeCall(t.companyId, { customerId: foreign })).rejects.toMatchObject({ status: 404 });
    await expect(placeCall(t.companyId, {})).rejects.toThrow();
    expect(await creates()).toBe(before);
  });
});
