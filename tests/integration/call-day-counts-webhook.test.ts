import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { callDayCounts } from "@/lib/db/schema/call-day-counts";
import { calls } from "@/lib/db/schema/calls";
import { LOCAL_DEFAULTS } from "@/lib/integrations/local-defaults";
import { fakeControl, fakeSendWebhook, type FakeDelivery } from "../helpers/fakes-control";
import { setupWebhookHarness } from "../helpers/webhook-fixture";
import { waitForWebhook, type WebhookHarness } from "../helpers/webhook-harness";
import type { WebhookAnswer } from "../helpers/webhook-server";
import { seedWebhookTenant, uniquePhone } from "../helpers/webhook-tenants";

/**
 * call_day_counts through the real Retell webhook path (signed delivery → record → queue → worker →
 * applyRetellCall): a call's events count it once, and the same event delivered again counts nothing.
 */
const harness = setupWebhookHarness();
let h: WebhookHarness;
beforeAll(() => {
  ({ h } = harness);
});

async function send(callId: string, events: Array<"call_started" | "call_ended" | "call_analyzed">) {
  const { deliveries } = await fakeSendWebhook<{ deliveries: FakeDelivery[] }>(h.fake.retell, {
    target: h.target("retell"),
    callId,
    events,
  });
  for (const d of deliveries) await waitForWebhook((JSON.parse(d.body) as WebhookAnswer).data!.id!);
  return deliveries.map((d) => JSON.parse(d.body) as WebhookAnswer);
}

/** `dim|value` → n over all days, zero rows left out. */
async function counts(companyId: string): Promise<Record<string, number>> {
  const rows = await getDb().select().from(callDayCounts).where(eq(callDayCounts.companyId, companyId));
  const out: Record<string, number> = {};
  for (const r of rows) if (r.n !== 0) out[`${r.dim}|${r.value}`] = (out[`${r.dim}|${r.value}`] ?? 0) + r.n;
  return out;
}

describe("call_day_counts from Retell webhooks", () => {
  it("a call's three events count it once; the same call_ended delivered twice counts it once", async () => {
    const t = await seedWebhookTenant();
    const call = await fakeControl<{ call_id: string }>(h.fake.retell, "POST", "/__fake/calls", {
      apiKey: LOCAL_DEFAULTS.retellApiKey,
      from_number: uniquePhone(),
      to_number: t.phone,
      agent_id: t.agentId,
    });
    await send(call.call_id, ["call_started", "call_ended", "call_analyzed"]);
    const [row] = await getDb()
      .select()
      .from(calls)
      .where(and(eq(calls.companyId, t.companyId), eq(calls.retellCallId, call.call_id)));
    expect(row).toMatchObject({ status: "ended" });
    const once = await counts(t.companyId);
    expect(once["all|"]).toBe(1);
    expect(once[`status|ended`]).toBe(1);
    expect(once[`direction|${row!.direction}`]).toBe(1);
    expect(once[`sentiment|${row!.sentiment ?? ""}`]).toBe(1);
    expect(once[`reason|${row!.disconnectionReason ?? ""}`]).toBe(1);
    expect(Object.keys(once).filter((k) => k.startsWith("status|"))).toEqual(["status|ended"]);

    const [again] = await send(call.call_id, ["call_ended"]);
    expect(again!.data).toMatchObject({ duplicate: true });
    expect(await counts(t.companyId)).toEqual(once);
  });
});
