import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { appointments } from "@/lib/db/schema/appointments";
import { calls } from "@/lib/db/schema/calls";
import { createId } from "@/lib/ids/create-id";
import { createCalcomClient, type CalcomBooking } from "@/lib/integrations/calcom";
import { LOCAL_DEFAULTS } from "@/lib/integrations/local-defaults";
import { bookAppointment } from "@/lib/services/appointments/book-appointment";
import { cancelAppointment } from "@/lib/services/appointments/cancel-appointment";
import { rescheduleAppointment } from "@/lib/services/appointments/reschedule-appointment";
import { fakeControl, fakeFaults, fakeRequests, fakeSendWebhook, fakeState, uniqueBreaker } from "../helpers/fakes-control";
import { cacheVersion, startWebhookHarness, waitForWebhook, type WebhookHarness } from "../helpers/webhook-harness";
import { seedCustomer, seedWebhookTenant } from "../helpers/webhook-tenants";

let h: WebhookHarness;
let seq = 0;

beforeAll(async () => {
  h = await startWebhookHarness();
});
afterEach(async () => {
  await fakeControl(h.fake.calcom, "DELETE", "/__fake/faults");
});
afterAll(async () => {
  await h.close();
});

function slot(): string {
  const d = new Date(Date.now() + (5 + seq++) * 86_400_000);
  d.setUTCHours(15, 0, 0, 0);
  return d.toISOString();
}

/** A Cal.com client on its own breaker with a short timeout, for tests that make Cal.com fail. */
const flakyCalcom = (timeoutMs = 2_000) =>
  createCalcomClient({
    apiKey: LOCAL_DEFAULTS.calcomApiKey,
    baseUrl: h.fake.calcom,
    breakerName: uniqueBreaker("calcom"),
    policy: { timeoutMs },
  });
const bookingsOf = async (email: string) =>
  (await fakeState<{ bookings: CalcomBooking[] }>(h.fake.calcom)).bookings.filter((b) => b.attendees[0]?.email === email);
const createPosts = async () =>
  (await fakeRequests(h.fake.calcom, "/v2/bookings")).filter((r) => r.method === "POST" && r.path === "/v2/bookings").length;
const rowsOf = (companyId: string) => getDb().select().from(appointments).where(eq(appointments.companyId, companyId));
/** The Cal.com booking uid of an appointment (only in MySQL: the API never shows it). */
async function uidOf(id: string): Promise<string | null> {
  const [row] = await getDb().select({ uid: appointments.calBookingUid }).from(appointments).where(eq(appointments.id, id));
  return row?.uid ?? null;
}

async function tenantWithCustomer() {
  const t = await seedWebhookTenant();
  const email = `ana.${t.companyId.toLowerCase()}@patients.test`;
  const customerId = await seedCustomer(t.companyId, { name: "Ana Lima", email });
  return { t, email, customerId };
}

describe("bookAppointment", () => {
  it("books once in Cal.com, writes the appointment linked to customer and call, and the BOOKING_CREATED webhook adds nothing", async () => {
    const { t, email, customerId } = await tenantWithCustomer();
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
    const before = await cacheVersion(t.companyId, "appointments");
    const start = slot();

    const appt = await bookAppointment(t.companyId, { customerId, start, callId, notes: "first visit" });
    expect(appt).toMatchObject({
      status: "confirmed",
      customerId,
      sourceCallId: callId,
      notes: "first visit",
      startAt: start,
    });
    expect(appt).not.toHaveProperty("calBookingUid");
    const [booking, ...more] = await bookingsOf(email);
    expect(more).toEqual([]);
    expect(booking).toMatchObject({
      uid: await uidOf(appt.id),
      eventTypeId: 3001,
      metadata: { sb_company_id: t.companyId, sb_customer_id: customerId, sb_call_id: callId },
    });
    expect(await cacheVersion(t.companyId, "appointments")).not.toBe(before);

    const { deliveries } = await fakeSendWebhook(h.fake.calcom, {
      target: h.target("calcom", { company: t.companyId }),
      event: "BOOKING_CREATED",
      bookingUid: booking!.uid,
    });
    await waitForWebhook((JSON.parse(deliveries[0]!.body) as { data: { id: string } }).data.id);
    const rows = await rowsOf(t.companyId);
    expect(rows.map((r) => r.id)).toEqual([appt.id]);
    expect(rows[0]).toMatchObject({ status: "confirmed", notes: "first visit", sourceCallId: callId });
  });

  it("a first attempt whose answer is lost (500 after the booking was made) still books once", async () => {
    const { t, email, customerId } = await tenantWithCustomer();
    const posts = await createPosts();
    await fakeFaults(h.fake.calcom, { failNext: 1, afterEffect: true, path: "/v2/bookings" });
    const appt = await bookAppointment(t.companyId, { customerId, start: slot() }, { calcom: flakyCalcom(), reconcileDelayMs: 10 });
    const bookings = await bookingsOf(email);
    expect(bookings).toHaveLength(1);
    expect(await uidOf(appt.id)).toBe(bookings[0]!.uid);
    expect((await createPosts()) - posts).toBe(1);
    expect(await rowsOf(t.companyId)).toHaveLength(1);
  });

  it("a first attempt that times out while Cal.com makes the booking still books once", async () => {
    const { t, email, customerId } = await tenantWithCustomer();
    const posts = await createPosts();
    await fakeFaults(h.fake.calcom, { latencyMs: 1_500, latencyNext: 1, path: "/v2/bookings" });
    const appt = await bookAppointment(t.companyId, { customerId, start: slot() }, { calcom: flakyCalcom(300), reconcileDelayMs: 10 });
    const bookings = await bookingsOf(email);
    expect(bookings.map((b) => b.uid)).toEqual([await uidOf(appt.id)]);
    expect((await createPosts()) - posts).toBe(1);
  });

  it("a retried request with the same idempotency key answers the first booking", async () => {
    const { t, email, customerId } = await tenantWithCustomer();
    const start = slot();
    const first = await bookAppointment(t.companyId, { customerId, start, idempotencyKey: "req-42" });
    const posts = await createPosts();
    const again = await bookAppointment(t.companyId, { customerId, start, idempotencyKey: "req-42" });
    expect(again).toEqual(first);
    expect(await createPosts()).toBe(posts);
    expect(await bookingsOf(email)).toHaveLength(1);
  });

  it("refuses a customer without email (422) and another company's customer (404), booking nothing", async () => {
    const { t } = await tenantWithCustomer();
    const other = await seedWebhookTenant();
    const noEmail = await seedCustomer(t.companyId, { email: null });
    const foreign = await seedCustomer(other.companyId);
    const posts = await createPosts();
    await expect(bookAppointment(t.companyId, { customerId: noEmail, start: slot() })).rejects.toMatchObject({ status: 422 });
    await expect(bookAppointment(t.companyId, { customerId: foreign, start: slot() })).rejects.toMatchObject({ status: 404 });
    expect(await createPosts()).toBe(posts);
  });
});

describe("rescheduleAppointment and cancelAppointment", () => {
  it("rescheduling makes a new appointment (same customer, call, notes) and cancels the old one, in Cal.com and here", async () => {
    const { t, email, customerId } = await tenantWithCustomer();
    const booked = await bookAppointment(t.companyId, { customerId, start: slot(), notes: "bring x-rays" });
    const newStart = slot();
    const moved = await rescheduleAppointment(t.companyId, booked.id, { start: newStart, reason: "clash" });
    expect(moved).toMatchObject({ status: "confirmed", startAt: newStart, customerId, notes: "bring x-rays" });
    expect(moved.id).not.toBe(booked.id);
    const [old] = await getDb().select().from(appointments).where(eq(appointments.id, booked.id));
    expect(old).toMatchObject({ status: "cancelled", cancelReason: "Rescheduled" });
    const inCal = await bookingsOf(email);
    const [oldUid, newUid] = [await uidOf(booked.id), await uidOf(moved.id)];
    expect(inCal.find((b) => b.uid === oldUid)).toMatchObject({ status: "cancelled", rescheduledToUid: newUid });
    expect(inCal.find((b) => b.uid === newUid)).toMatchObject({ status: "accepted" });
    await expect(rescheduleAppointment(t.companyId, booked.id, { start: slot() })).rejects.toMatchObject({ status: 409 });
  });

  it("cancelling cancels in Cal.com once; cancelling again answers the cancelled appointment without asking Cal.com", async () => {
    const { t, email, customerId } = await tenantWithCustomer();
    const booked = await bookAppointment(t.companyId, { customerId, start: slot() });
    const cancelled = await cancelAppointment(t.companyId, booked.id, { reason: "feeling better" });
    expect(cancelled).toMatchObject({
      id: booked.id,
      status: "cancelled",
      cancelReason: "feeling better",
      cancelledAt: expect.any(String),
    });
    expect((await bookingsOf(email))[0]).toMatchObject({ status: "cancelled" });
    const cancels = (await fakeRequests(h.fake.calcom, "/v2/bookings")).filter((r) => r.path.endsWith("/cancel")).length;
    expect(await cancelAppointment(t.companyId, booked.id)).toEqual(cancelled);
    expect((await fakeRequests(h.fake.calcom, "/v2/bookings")).filter((r) => r.path.endsWith("/cancel")).length).toBe(cancels);
    const other = await seedWebhookTenant();
    await expect(cancelAppointment(other.companyId, booked.id)).rejects.toMatchObject({ status: 404 });
  });
});
