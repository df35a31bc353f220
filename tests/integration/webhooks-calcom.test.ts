import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { appointments } from "@/lib/db/schema/appointments";
import { calls } from "@/lib/db/schema/calls";
import { customers } from "@/lib/db/schema/customers";
import { DEMO_CREDENTIALS } from "@/lib/db/seed/demo-accounts";
import { createId } from "@/lib/ids/create-id";
import { createCalcomClient, signCalcomPayload, type CalcomBooking } from "@/lib/integrations/calcom";
import { LOCAL_DEFAULTS } from "@/lib/integrations/local-defaults";
import type { Capture } from "../helpers/fakes-capture";
import { fakeSendWebhook, uniqueBreaker } from "../helpers/fakes-control";
import { setupWebhookHarness } from "../helpers/webhook-fixture";
import { cacheVersion, deliveryFootprint, waitForWebhook, type WebhookHarness } from "../helpers/webhook-harness";
import { replay, type WebhookAnswer } from "../helpers/webhook-server";
import { seedWebhookTenant, type WebhookTenant } from "../helpers/webhook-tenants";

const harness = setupWebhookHarness();
let h: WebhookHarness;
let capture: Capture;
let seq = 0;

beforeAll(() => {
  ({ h, capture } = harness);
});

/** The platform's Cal.com account (test tenants have no account of their own): event type 3001. */
const cal = () => createCalcomClient({ apiKey: LOCAL_DEFAULTS.calcomApiKey, baseUrl: h.fake.calcom, breakerName: uniqueBreaker("calcom") });

/** A fresh future slot per booking, so the fake never refuses one as overlapping. */
function slot(): string {
  const d = new Date(Date.now() + (10 + seq++) * 86_400_000);
  d.setUTCHours(14, 0, 0, 0);
  return d.toISOString();
}

async function book(metadata: Record<string, string> = {}, email = `pat${seq}.${Date.now()}@patients.test`): Promise<CalcomBooking> {
  return cal().createBooking({
    start: slot(),
    eventTypeId: 3001,
    attendee: { name: "Pat Doe", email, timeZone: "America/New_York" },
    metadata,
  });
}

async function send(
  t: WebhookTenant,
  event: string,
  bookingUid: string,
  extra: Record<string, unknown> = {},
  target = h.target("calcom", { company: t.companyId }),
) {
  const { deliveries } = await fakeSendWebhook(h.fake.calcom, { target, event, bookingUid, ...extra });
  const d = deliveries[0]!;
  return { ...d, json: JSON.parse(d.body || "null") as WebhookAnswer };
}

async function deliverAndProcess(t: WebhookTenant, event: string, bookingUid: string, extra: Record<string, unknown> = {}) {
  const d = await send(t, event, bookingUid, extra);
  expect(d.status, d.body).toBe(200);
  await waitForWebhook(d.json.data!.id!);
  return d;
}

const appointmentOf = async (uid: string) => (await getDb().select().from(appointments).where(eq(appointments.calBookingUid, uid)))[0];

describe("Cal.com webhooks (per-company URL /api/webhooks/calcom?company=<id>)", () => {
  it("BOOKING_CREATED becomes a confirmed appointment with its customer and source call, and invalidates appointments", async () => {
    const t = await seedWebhookTenant();
    const callId = createId("call");
    await getDb()
      .insert(calls)
      .values({
        id: callId,
        companyId: t.companyId,
        retellCallId: `call_${callId.slice(-12)}`,
        direction: "inbound",
        status: "ended",
        startedAt: new Date(),
      });
    const booking = await book({ sb_call_id: callId });
    const before = await cacheVersion(t.companyId, "appointments");

    const d = await deliverAndProcess(t, "BOOKING_CREATED", booking.uid);
    expect(d.json.data).toMatchObject({ received: true, duplicate: false });
    const row = await appointmentOf(booking.uid);
    expect(row).toMatchObject({
      companyId: t.companyId,
      status: "confirmed",
      sourceCallId: callId,
      timezone: "America/New_York",
      cancelledAt: null,
    });
    expect(row!.startAt.toISOString()).toBe(booking.start);
    const [customer] = await getDb().select().from(customers).where(eq(customers.id, row!.customerId!));
    expect(customer).toMatchObject({ companyId: t.companyId, name: "Pat Doe", email: booking.attendees[0]!.email });
    expect(await cacheVersion(t.companyId, "appointments")).not.toBe(before);
  });

  it("the same delivery twice (a redelivery or a replay: Cal.com signs no timestamp) is processed once", async () => {
    const t = await seedWebhookTenant();
    const booking = await book();
    const createdAt = new Date().toISOString();
    const first = await deliverAndProcess(t, "BOOKING_CREATED", booking.uid, { createdAt });
    const before = await deliveryFootprint(h);
    const again = await send(t, "BOOKING_CREATED", booking.uid, { createdAt });
    expect(again).toMatchObject({ status: 200, json: { data: { duplicate: true, id: first.json.data!.id } } });
    expect(await replay(h.target("calcom", { company: t.companyId }), first.sent)).toMatchObject({
      status: 200,
      json: { data: { duplicate: true } },
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(await deliveryFootprint(h)).toEqual(before);
    expect(await getDb().select().from(appointments).where(eq(appointments.companyId, t.companyId))).toHaveLength(1);
  });

  it("a late BOOKING_CREATED does not resurrect a cancelled booking", async () => {
    const t = await seedWebhookTenant();
    const booking = await book();
    const [created] = (await fakeSendWebhook(h.fake.calcom, { target: capture.url, event: "BOOKING_CREATED", bookingUid: booking.uid }))
      .deliveries;
    await cal().cancelBooking(booking.uid, "patient is travelling");
    await deliverAndProcess(t, "BOOKING_CANCELLED", booking.uid);
    expect(await appointmentOf(booking.uid)).toMatchObject({ status: "cancelled", cancelReason: "patient is travelling" });

    const late = await replay(h.target("calcom", { company: t.companyId }), created!.sent);
    expect(late.status).toBe(200);
    await waitForWebhook(late.json.data!.id!);
    expect(await appointmentOf(booking.uid)).toMatchObject({ status: "cancelled", cancelReason: "patient is travelling" });
  });

  it("BOOKING_RESCHEDULED moves the appointment to a new booking (same customer and call) and cancels the old one, in any order", async () => {
    const t = await seedWebhookTenant();
    const callId = createId("call");
    await getDb()
      .insert(calls)
      .values({
        id: callId,
        companyId: t.companyId,
        retellCallId: `call_${callId.slice(-12)}`,
        direction: "inbound",
        status: "ended",
        startedAt: new Date(),
      });

    // In order: created, then rescheduled.
    const a = await book({ sb_call_id: callId });
    await deliverAndProcess(t, "BOOKING_CREATED", a.uid);
    const movedA = await cal().rescheduleBooking(a.uid, slot());
    await deliverAndProcess(t, "BOOKING_RESCHEDULED", movedA.uid);
    const [oldA, newA] = [await appointmentOf(a.uid), await appointmentOf(movedA.uid)];
    expect(oldA).toMatchObject({ status: "cancelled", cancelReason: "Rescheduled" });
    expect(newA).toMatchObject({ status: "confirmed", customerId: oldA!.customerId, sourceCallId: callId });
    expect(newA!.startAt.toISOString()).toBe(movedA.start);

    // Out of order: the reschedule arrives before the original booking's creation.
    const b = await book();
    const [createdB] = (await fakeSendWebhook(h.fake.calcom, { target: capture.url, event: "BOOKING_CREATED", bookingUid: b.uid }))
      .deliveries;
    const movedB = await cal().rescheduleBooking(b.uid, slot());
    await deliverAndProcess(t, "BOOKING_RESCHEDULED", movedB.uid);
    const late = await replay(h.target("calcom", { company: t.companyId }), createdB!.sent);
    await waitForWebhook(late.json.data!.id!);
    expect(await appointmentOf(b.uid)).toMatchObject({ status: "cancelled", cancelReason: "Rescheduled" });
    expect(await appointmentOf(movedB.uid)).toMatchObject({ status: "confirmed" });
    expect((await appointmentOf(b.uid))!.startAt.toISOString()).toBe(b.start);
    expect(await getDb().select().from(appointments).where(eq(appointments.companyId, t.companyId))).toHaveLength(4);
  });

  it("forged, tampered, unsigned, other-account and misaddressed deliveries are refused and change nothing", async () => {
    const t = await seedWebhookTenant();
    const booking = await book();
    const [good] = (await fakeSendWebhook(h.fake.calcom, { target: capture.url, event: "BOOKING_CREATED", bookingUid: booking.uid }))
      .deliveries;
    const target = h.target("calcom", { company: t.companyId });
    const before = await deliveryFootprint(h);

    expect((await replay(target, good!.sent, { body: good!.sent.body.replace("Pat Doe", "Mallory") })).status).toBe(401);
    expect(
      (await replay(target, good!.sent, { headers: { "x-cal-signature-256": signCalcomPayload(good!.sent.body, "whsec_forger_123456") } }))
        .status,
    ).toBe(401);
    // Acme's own secret does not open this tenant's URL.
    const acme = await replay(target, good!.sent, {
      headers: { "x-cal-signature-256": signCalcomPayload(good!.sent.body, DEMO_CREDENTIALS.acme.calcomWebhookSecret) },
    });
    expect(acme).toMatchObject({ status: 401, json: { error: { code: "unauthorized" } } });
    const unsigned = await fetch(target, { method: "POST", headers: { "content-type": "application/json" }, body: good!.sent.body });
    expect(unsigned.status).toBe(401);
    expect((await replay(target, good!.sent, { headers: { "x-cal-signature-256": "not-hex" } })).status).toBe(400);
    expect((await replay(h.target("calcom"), good!.sent)).status).toBe(400);
    expect((await replay(h.target("calcom", { company: createId("company") }), good!.sent)).status).toBe(404);

    expect(await deliveryFootprint(h)).toEqual(before);
    expect(await appointmentOf(booking.uid)).toBeUndefined();
  });

  it("triggers the product does not handle are acknowledged and not recorded", async () => {
    const t = await seedWebhookTenant();
    const before = await deliveryFootprint(h);
    const body = JSON.stringify({ triggerEvent: "PING", createdAt: new Date().toISOString(), payload: {} });
    const res = await fetch(h.target("calcom", { company: t.companyId }), {
      method: "POST",
      headers: { "content-type": "application/json", "x-cal-signature-256": signCalcomPayload(body, LOCAL_DEFAULTS.calcomWebhookSecret) },
      body,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { received: true, ignored: true } });
    expect(await deliveryFootprint(h)).toEqual(before);
  });
});
