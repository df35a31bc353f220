import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { emailEvents } from "@/lib/db/schema/email-events";
import { createId } from "@/lib/ids/create-id";
import { sendTeamInvite } from "@/lib/services/team/send-team-invite";
import type { Capture } from "../helpers/fakes-capture";
import { fakeControl } from "../helpers/fakes-control";
import { waitFor } from "../helpers/jobs-wait";
import { setupWebhookHarness } from "../helpers/webhook-fixture";
import { cacheVersion, deliveryFootprint, sendOneWebhook, waitForWebhook, type WebhookHarness } from "../helpers/webhook-harness";
import { replay } from "../helpers/webhook-server";
import { seedCustomer, seedWebhookTenant } from "../helpers/webhook-tenants";

type SentMessage = { id: string; to: string[]; subject: string; customArgs: Record<string, string> };
const harness = setupWebhookHarness();
let h: WebhookHarness;
let capture: Capture;

beforeAll(() => {
  ({ h, capture } = harness);
});

const send = (body: Record<string, unknown>, target?: string) => sendOneWebhook(h, "sendgrid", body, target);

const eventsOf = (companyId: string) => getDb().select().from(emailEvents).where(eq(emailEvents.companyId, companyId));

async function messageTo(email: string): Promise<SentMessage> {
  return waitFor(
    async () => {
      const { messages } = await fakeControl<{ messages: SentMessage[] }>(h.fake.sendgrid, "GET", "/__fake/messages");
      return messages.find((m) => m.to.includes(email));
    },
    { what: `an email to ${email}` },
  );
}

describe("SendGrid event webhook", () => {
  it("events of a message we sent land on the company's timeline, matched to its customer, once", async () => {
    const t = await seedWebhookTenant();
    const email = `lee.${t.companyId.toLowerCase()}@patients.test`;
    const customerId = await seedCustomer(t.companyId, { name: "Lee Park", email });
    await sendTeamInvite({
      companyId: t.companyId,
      inviteId: createId("invite"),
      to: email,
      role: "member",
      inviterName: "Sam Owner",
      acceptUrl: "http://localhost:3000/invite/abc",
    });
    const message = await messageTo(email);
    expect(message.customArgs).toMatchObject({ sb_company_id: t.companyId, sb_template: "invite" });
    const before = await cacheVersion(t.companyId, "customers");

    const delivered = await send({ messageId: message.id, event: "delivered" });
    expect(delivered.status).toBe(200);
    await waitForWebhook(delivered.json.data!.id!);
    const opened = await send({ messageId: message.id, event: "open" });
    await waitForWebhook(opened.json.data!.id!);

    const rows = await eventsOf(t.companyId);
    expect(rows.map((r) => r.eventType).sort()).toEqual(["delivered", "open"]);
    expect(rows[0]).toMatchObject({ customerId, email, sgMessageId: message.id });
    expect(await cacheVersion(t.companyId, "customers")).not.toBe(before);

    // The same batch again is a duplicate delivery; an overlapping batch adds only what is new.
    expect((await replay(h.target("sendgrid"), delivered.sent)).json.data).toMatchObject({ duplicate: true });
    const [again] = JSON.parse(delivered.sent.body) as Array<Record<string, unknown>>;
    const overlap = await send({
      events: [again, { ...again, sg_event_id: `sg_${createId("emailEvent")}`, event: "click", url: "https://example.test/x" }],
    });
    await waitForWebhook(overlap.json.data!.id!);
    expect((await eventsOf(t.companyId)).map((r) => r.eventType).sort()).toEqual(["click", "delivered", "open"]);
  });

  it("a company URL only takes events naming that company; events of no company are left out", async () => {
    const [a, b] = [await seedWebhookTenant(), await seedWebhookTenant()];
    const event = (companyId: string | null, email: string) => ({
      email,
      event: "delivered",
      sg_message_id: "m1.filter",
      ...(companyId ? { sb_company_id: companyId } : {}),
    });
    const d = await send(
      { events: [event(a.companyId, "a@x.test"), event(b.companyId, "b@x.test"), event(null, "platform@x.test")] },
      h.target("sendgrid", { company: a.companyId }),
    );
    expect(d.status).toBe(200);
    expect(await waitForWebhook(d.json.data!.id!)).toMatchObject({ companyId: a.companyId });
    expect((await eventsOf(a.companyId)).map((r) => r.email)).toEqual(["a@x.test"]);
    expect(await eventsOf(b.companyId)).toEqual([]);
  });

  it("tampered, stale, unsigned and malformed deliveries are refused and change nothing", async () => {
    const t = await seedWebhookTenant();
    const good = await send({ events: [{ email: "x@y.test", event: "delivered", sb_company_id: t.companyId }] }, capture.url);
    const before = await deliveryFootprint(h);
    const target = h.target("sendgrid");
    expect((await replay(target, good.sent, { body: good.sent.body.replace("x@y.test", "z@y.test") })).status).toBe(401);
    const stale = await send({
      events: [{ email: "x@y.test", event: "delivered", sb_company_id: t.companyId }],
      signedAt: Math.floor(Date.now() / 1000) - 600,
    });
    expect(stale).toMatchObject({ status: 401, json: { error: { code: "unauthorized" } } });
    const unsigned = await fetch(target, { method: "POST", headers: { "content-type": "application/json" }, body: good.sent.body });
    expect(unsigned.status).toBe(401);
    expect((await replay(target, good.sent, { headers: { "x-twilio-email-event-webhook-signature": "***" } })).status).toBe(400);
    expect(await deliveryFootprint(h)).toEqual(before);
    expect(await eventsOf(t.companyId)).toEqual([]);
  });
});
