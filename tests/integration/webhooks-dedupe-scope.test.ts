import { and, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { POST as CALCOM } from "@/app/api/webhooks/calcom/route";
import { POST as RETELL } from "@/app/api/webhooks/retell/route";
import { credentialContext, encryptSecret } from "@/lib/crypto/encryption";
import { closeDb, getDb } from "@/lib/db/client";
import { companySettings } from "@/lib/db/schema/company-settings";
import { webhookEvents } from "@/lib/db/schema/webhook-events";
import { signCalcomPayload } from "@/lib/integrations/calcom/signature";
import { LOCAL_DEFAULTS } from "@/lib/integrations/local-defaults";
import { signRetellPayload } from "@/lib/integrations/retell/signature";
import { seedCompany } from "../helpers/seed-rows";
import { seedWebhookTenant } from "../helpers/webhook-tenants";

afterAll(async () => {
  await closeDb();
});

type Answer = { data?: { duplicate?: boolean; id?: string }; error?: { code: string } };

function post(url: string, body: BodyInit, headers: Record<string, string>) {
  return new Request(`http://localhost:3000${url}`, { method: "POST", headers, body, duplex: "half" } as RequestInit);
}

describe("webhook dedupe is scoped by tenant", () => {
  it("a company signing with its own secret cannot pre-empt another company's delivery of the same event id", async () => {
    const attacker = await seedCompany();
    const ownSecret = "whsec_attacker_own_secret_0123456789";
    await getDb()
      .insert(companySettings)
      .values({
        companyId: attacker,
        calcomWebhookSecretEnc: encryptSecret(ownSecret, credentialContext(attacker, "calcom_webhook_secret_enc")),
      });
    const victim = await seedCompany(); // on the platform's Cal.com account
    const body = JSON.stringify({
      triggerEvent: "BOOKING_CREATED",
      createdAt: "2026-03-02T10:00:00.000Z",
      payload: { uid: `bk_victim_${victim.slice(-8)}`, startTime: "2026-03-03T10:00:00.000Z", endTime: "2026-03-03T10:30:00.000Z" },
    });
    const deliver = (companyId: string, secret: string) =>
      CALCOM(
        post(`/api/webhooks/calcom?company=${companyId}`, body, {
          "content-type": "application/json",
          "x-cal-signature-256": signCalcomPayload(body, secret),
        }),
      );

    const first = (await (await deliver(attacker, ownSecret)).json()) as Answer;
    expect(first.data).toMatchObject({ duplicate: false });
    const genuine = (await (await deliver(victim, LOCAL_DEFAULTS.calcomWebhookSecret)).json()) as Answer;
    expect(genuine.data).toMatchObject({ duplicate: false });
    expect(genuine.data!.id).not.toBe(first.data!.id);
    // Within one tenant, a replay is still a duplicate.
    const replay = (await (await deliver(victim, LOCAL_DEFAULTS.calcomWebhookSecret)).json()) as Answer;
    expect(replay.data).toMatchObject({ duplicate: true, id: genuine.data!.id });

    const rows = await getDb()
      .select({ scope: webhookEvents.scope, companyId: webhookEvents.companyId })
      .from(webhookEvents)
      .where(
        and(
          eq(webhookEvents.provider, "calcom"),
          eq(webhookEvents.eventId, `BOOKING_CREATED:bk_victim_${victim.slice(-8)}:2026-03-02T10:00:00.000Z`),
        ),
      );
    expect(rows.map((r) => r.scope).sort()).toEqual([attacker, victim].sort());
  });

  it("Retell: the same call id from two companies' own accounts is two deliveries", async () => {
    const a = await seedWebhookTenant({ retellApiKey: "key_retell_tenant_a_0123456789" });
    const b = await seedWebhookTenant({ retellApiKey: "key_retell_tenant_b_0123456789" });
    const callId = `call_shared_${a.companyId.slice(-8)}`;
    const deliver = async (t: typeof a, key: string) => {
      const body = JSON.stringify({
        event: "call_started",
        call: {
          call_id: callId,
          call_type: "phone_call",
          agent_id: t.agentId,
          call_status: "ongoing",
          direction: "inbound",
          to_number: t.phone,
          from_number: "+15550000001",
          start_timestamp: Date.now(),
        },
      });
      const res = await RETELL(
        post("/api/webhooks/retell", body, { "content-type": "application/json", "x-retell-signature": signRetellPayload(body, key) }),
      );
      return (await res.json()) as Answer;
    };
    expect((await deliver(a, "key_retell_tenant_a_0123456789")).data).toMatchObject({ duplicate: false });
    expect((await deliver(b, "key_retell_tenant_b_0123456789")).data).toMatchObject({ duplicate: false });
    expect((await deliver(b, "key_retell_tenant_b_0123456789")).data).toMatchObject({ duplicate: true });
  });
});
