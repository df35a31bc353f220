import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/v1/calls/route";
import { getDb } from "@/lib/db/client";
import { calls } from "@/lib/db/schema/calls";
import type { RetellCall } from "@/lib/integrations/retell";
import type { CallDetail } from "@/lib/services/calls/schemas";
import { fakeControl, fakeFaults, fakeSendWebhook, fakeState } from "../helpers/fakes-control";
import { seedMembership, seedUser } from "../helpers/seed-rows";
import { personCaller, signedRequest, type TestCaller } from "../helpers/signed-request";
import { startWebhookHarness, waitForWebhook, type WebhookHarness } from "../helpers/webhook-harness";
import { seedCustomer, seedWebhookTenant, uniquePhone } from "../helpers/webhook-tenants";

type Body = { data: CallDetail; error?: { code: string; details?: Array<{ field: string }> } };

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

async function place(caller: TestCaller, body: unknown, headers: Record<string, string> = {}) {
  const res = await POST(await signedRequest("/api/v1/calls", { method: "POST", caller, body, headers }));
  return { res, body: (await res.json()) as Body };
}
const rowsOf = (companyId: string) => getDb().select().from(calls).where(eq(calls.companyId, companyId));
const dialled = async (to: string) => (await fakeState<{ calls: RetellCall[] }>(h.fake.retell)).calls.filter((c) => c.to_number === to);

describe("POST /api/v1/calls", () => {
  it("202 with the call `registered` (outbound, the customer's number), and its webhooks complete that row", async () => {
    const t = await seedWebhookTenant();
    const phone = uniquePhone();
    const customerId = await seedCustomer(t.companyId, { name: "Rosa Diaz", phone });
    const { res, body } = await place(t.owner, { customerId, reason: "confirm Tuesday" });
    expect(res.status, JSON.stringify(body.error)).toBe(202);
    expect(body.data).toMatchObject({
      status: "registered",
      direction: "outbound",
      toNumber: phone,
      customer: { id: customerId, name: "Rosa Diaz" },
    });
    expect(res.headers.get("location")).toBe(`/api/v1/calls/${body.data.id}`);
    const [call] = await dialled(phone);
    expect(call!.retell_llm_dynamic_variables).toMatchObject({ customer_name: "Rosa Diaz", reason: "confirm Tuesday" });

    const { deliveries } = await fakeSendWebhook(h.fake.retell, {
      target: h.target("retell"),
      callId: call!.call_id,
      events: ["call_started", "call_ended"],
    });
    for (const d of deliveries) await waitForWebhook((JSON.parse(d.body) as { data: { id: string } }).data.id);
    expect(await rowsOf(t.companyId)).toEqual([
      expect.objectContaining({ id: body.data.id, status: "ended", direction: "outbound", customerId }),
    ]);
  });

  it("takes a number however it is typed", async () => {
    const t = await seedWebhookTenant();
    const { res, body } = await place(t.owner, { toNumber: "(617) 555-0199" });
    expect(res.status, JSON.stringify(body.error)).toBe(202);
    expect(body.data.toNumber).toBe("+16175550199");
  });

  it("Idempotency-Key: the same body answers the same call and dials once; another body is 409", async () => {
    const t = await seedWebhookTenant();
    const to = uniquePhone();
    const headers = { "idempotency-key": `dial-${to}` };
    const first = await place(t.owner, { toNumber: to }, headers);
    const again = await place(t.owner, { toNumber: to }, headers);
    expect(first.res.status).toBe(202);
    expect(again.res.status).toBe(202);
    expect(again.res.headers.get("idempotent-replayed")).toBe("true");
    expect(again.body.data.id).toBe(first.body.data.id);
    expect(await dialled(to)).toHaveLength(1);
    expect((await place(t.owner, { toNumber: to, reason: "other" }, headers)).res.status).toBe(409);
    expect(await rowsOf(t.companyId)).toHaveLength(1);
  });

  it("Retell down: 503 with Retry-After, no call row, nothing dialled", async () => {
    const t = await seedWebhookTenant();
    const to = uniquePhone();
    await fakeFaults(h.fake.retell, { down: true });
    const { res, body } = await place(t.owner, { toNumber: to });
    expect(res.status, JSON.stringify(body.error)).toBe(503);
    expect(body.error?.code).toBe("service_unavailable");
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await rowsOf(t.companyId)).toEqual([]);
    await fakeFaults(h.fake.retell, { down: false });
    expect(await dialled(to)).toEqual([]);
  });

  it("needs calls:write (viewer 403); another company's customer is 404; neither dials", async () => {
    const t = await seedWebhookTenant();
    const other = await seedWebhookTenant();
    const viewerUser = await seedUser();
    await seedMembership(t.companyId, viewerUser.id, "viewer");
    const viewer = personCaller({ userId: viewerUser.id, companyId: t.companyId, role: "viewer" });
    const phone = uniquePhone();
    const foreign = await seedCustomer(other.companyId, { phone });
    expect((await place(viewer, { toNumber: uniquePhone() })).res.status).toBe(403);
    expect((await place(t.owner, { customerId: foreign })).res.status).toBe(404);
    const missing = await place(t.owner, {});
    expect(missing.res.status).toBe(400);
    expect(await dialled(phone)).toEqual([]);
    expect(await rowsOf(t.companyId)).toEqual([]);
  });
});
