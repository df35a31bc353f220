import { beforeAll, describe, expect, it } from "vitest";
import { breakerStates } from "@/lib/breaker/breaker-states";
import { DEMO_CREDENTIALS } from "@/lib/db/seed/demo-accounts";
import {
  CALCOM_IDEMPOTENCY_KEY,
  calcomEventId,
  calcomSignatureProblem,
  createCalcomClient,
  parseCalcomWebhook,
  verifyCalcomSignature,
  type CalcomBooking,
  type CalcomBookingPage,
} from "@/lib/integrations/calcom";
import { VendorError } from "@/lib/integrations/http/vendor-error";
import type { Capture } from "../helpers/fakes-capture";
import { fakeFaults, fakeRequests, fakeSendWebhook, fakeState, uniqueBreaker } from "../helpers/fakes-control";
import { setupFake } from "../helpers/fakes-fixture";

const ACME = DEMO_CREDENTIALS.acme;
const EVENT_TYPE = Number(ACME.calcomEventTypeId);
const fake = setupFake("calcom");
let url: string;
let capture: Capture;

/** `hour`:00 UTC, `days` from now: bookings are always in the future. */
const slot = (days: number, hour = 15) => {
  const d = new Date(Date.now() + days * 86_400_000);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
};
let seq = 0;
const attendee = () => ({ name: "Jo Patient", email: `jo${seq++}@patients.test`, timeZone: "America/New_York" });

const client = (opts: { apiKey?: string; timeoutMs?: number; breakerName?: string } = {}) =>
  createCalcomClient({
    apiKey: opts.apiKey ?? ACME.calcomApiKey,
    baseUrl: url,
    breakerName: opts.breakerName ?? uniqueBreaker("calcom"),
    ...(opts.timeoutMs ? { policy: { timeoutMs: opts.timeoutMs } } : {}),
  });
const bookingsIn = async (u: string) => (await fakeState<{ bookings: CalcomBooking[] }>(u)).bookings;

beforeAll(() => {
  ({ url, capture } = fake);
});

describe("Cal.com client against the fake", () => {
  it("books, reads, lists, reschedules and cancels, each endpoint with its pinned cal-api-version", async () => {
    const cal = client();
    const booking = await cal.createBooking({
      start: slot(3),
      eventTypeId: EVENT_TYPE,
      attendee: attendee(),
      metadata: { sb_company_id: "co_1" },
    });
    expect(booking).toMatchObject({ status: "accepted", eventTypeId: EVENT_TYPE, start: slot(3) });
    expect(booking.metadata?.[CALCOM_IDEMPOTENCY_KEY]).toEqual(expect.any(String));

    expect((await cal.getBooking(booking.uid)).value.uid).toBe(booking.uid);
    const listed = await cal.listBookings({ status: ["upcoming"], take: 10 });
    expect(listed.value.items.map((b) => b.uid)).toEqual([booking.uid]);

    const moved = await cal.rescheduleBooking(booking.uid, slot(4), { reason: "patient asked" });
    expect(moved.uid).not.toBe(booking.uid);
    expect(moved.rescheduledFromUid).toBe(booking.uid);
    expect((await cal.getBooking(booking.uid)).value).toMatchObject({ status: "cancelled", rescheduledToUid: moved.uid });

    const cancelled = await cal.cancelBooking(moved.uid, "no longer needed");
    expect(cancelled).toMatchObject({ status: "cancelled", cancellationReason: "no longer needed" });

    const versions = (await fakeRequests(url)).map(
      (r) => `${r.method} ${r.path.replace(/\/v2\/bookings\/\w+/, "/v2/bookings/:uid")} ${r.headers["cal-api-version"]}`,
    );
    expect(new Set(versions)).toEqual(
      new Set([
        "POST /v2/bookings 2024-08-13",
        "GET /v2/bookings/:uid 2024-08-13",
        "GET /v2/bookings 2024-08-13",
        "POST /v2/bookings/:uid/reschedule 2024-08-13",
        "POST /v2/bookings/:uid/cancel 2024-08-13",
      ]),
    );
  });

  it("pages through bookings with take/skip", async () => {
    const cal = client();
    for (let i = 0; i < 3; i++) await cal.createBooking({ start: slot(5 + i), eventTypeId: EVENT_TYPE, attendee: attendee() });
    const first = await cal.listBookings({ take: 2, sortStart: "asc" });
    expect(first.value).toMatchObject({ total: 3, hasMore: true, nextSkip: 2 });
    const second = await cal.listBookings({ take: 2, skip: first.value.nextSkip!, sortStart: "asc" });
    expect(second.value).toMatchObject({ hasMore: false, nextSkip: null });
    expect([...first.value.items, ...second.value.items].map((b) => b.start)).toEqual([slot(5), slot(6), slot(7)]);
  });

  it("reads free slots (cal-api-version 2024-09-04) and leaves out a booked one", async () => {
    const cal = client();
    // the first weekday at least a week ahead (the fake opens 09:00–17:00 on weekdays)
    let at = Date.now() + 7 * 86_400_000;
    while ([0, 6].includes(new Date(at).getUTCDay())) at += 86_400_000;
    const day = new Date(at).toISOString().slice(0, 10);
    const before = (await cal.getSlots(EVENT_TYPE, day, day, "UTC")).value;
    expect(before[day]![0]).toEqual({ start: `${day}T09:00:00.000+00:00` });
    await cal.createBooking({ start: `${day}T09:00:00.000Z`, eventTypeId: EVENT_TYPE, attendee: attendee() });
    const after = (await cal.getSlots(EVENT_TYPE, day, day, "UTC")).value;
    expect(after[day]!.map((s) => s.start)).not.toContain(`${day}T09:00:00.000+00:00`);
    expect(after[day]).toHaveLength(before[day]!.length - 1);
    expect((await fakeRequests(url, "/v2/slots"))[0]!.headers["cal-api-version"]).toBe("2024-09-04");
  });

  it("a wrong key answers 401 (VendorError, credential rejected); a taken slot answers 409", async () => {
    await expect(client({ apiKey: "cal_live_wrong" }).listBookings()).rejects.toMatchObject({
      vendorStatus: 401,
      credentialRejected: true,
      status: 502,
    });
    const cal = client();
    const start = slot(9);
    await cal.createBooking({ start, eventTypeId: EVENT_TYPE, attendee: attendee() });
    const err = await cal.createBooking({ start, eventTypeId: EVENT_TYPE, attendee: attendee() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VendorError);
    expect(err).toMatchObject({ vendorStatus: 409, status: 409, code: "conflict", vendorCode: "ConflictException" });
  });

  it("waits out a 429's Retry-After on a read, and on a create (not accepted, so safe to resend)", async () => {
    const cal = client();
    await fakeFaults(url, { rateLimitNext: 1, retryAfter: 1 });
    const t0 = Date.now();
    await cal.listBookings();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(950);

    await fakeFaults(url, { rateLimitNext: 1, retryAfter: 1 });
    const booking = await cal.createBooking({ start: slot(10), eventTypeId: EVENT_TYPE, attendee: attendee() });
    expect((await fakeRequests(url, "/v2/bookings")).map((r) => `${r.method} ${r.status}`)).toEqual([
      "GET 429",
      "GET 200",
      "POST 429",
      "POST 201",
    ]);
    expect((await bookingsIn(url)).map((b) => b.uid)).toEqual([booking.uid]);
  });

  it("a read survives one 5xx; the fake failing 5 times opens the breaker and the fallback answers", async () => {
    const name = uniqueBreaker("calcom-open");
    const cal = client({ breakerName: name });
    await fakeFaults(url, { failNext: 1, status: 502 });
    expect((await cal.listBookings()).fallback).toBe(false);

    await fakeFaults(url, { failNext: 5, status: 503 });
    const empty: CalcomBookingPage = { items: [], total: 0, hasMore: false, nextSkip: null };
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await cal.listBookings({}, { fallback: () => empty }));
    expect(answers.map((a) => (a.fallback ? a.reason : "live"))).toEqual(["failure", "failure", "open", "open"]);
    // the earlier 502 counts too (5 failures within 5 minutes): 2 requests before, then 2 + 2, then none
    expect((await fakeRequests(url, "/v2/bookings")).map((r) => r.status)).toEqual([502, 200, 503, 503, 503, 503]);
    expect((await breakerStates()).find((s) => s.name === name)?.state).toBe("open");
  });
});

describe("Cal.com writes are reconciled, never blindly resent", () => {
  it("a booking whose answer was lost (5xx after the write) is found by its marker", async () => {
    const cal = client();
    await fakeFaults(url, { failNext: 1, afterEffect: true, status: 500 });
    const booking = await cal.createBooking({ start: slot(11), eventTypeId: EVENT_TYPE, attendee: attendee() }, { reconcileDelayMs: 0 });
    expect((await bookingsIn(url)).map((b) => b.uid)).toEqual([booking.uid]);
    expect((await fakeRequests(url)).map((r) => `${r.method} ${r.path}`)).toEqual(["POST /v2/bookings", "GET /v2/bookings"]);
  });

  it("a booking that timed out after Cal.com made it is not made twice", async () => {
    const cal = client({ timeoutMs: 400 });
    await fakeFaults(url, { latencyMs: 1_500, latencyNext: 1, path: "/v2/bookings" });
    const booking = await cal.createBooking({ start: slot(12), eventTypeId: EVENT_TYPE, attendee: attendee() }, { reconcileDelayMs: 0 });
    expect((await bookingsIn(url)).map((b) => b.uid)).toEqual([booking.uid]);
  });

  it("the same business operation (idempotencyKey) twice books once", async () => {
    const cal = client();
    const input = { start: slot(13), eventTypeId: EVENT_TYPE, attendee: attendee(), idempotencyKey: "book:call_abc" };
    const a = await cal.createBooking(input);
    const b = await cal.createBooking(input);
    expect(b.uid).toBe(a.uid);
    expect(await bookingsIn(url)).toHaveLength(1);
  });

  it("a cancel whose answer was lost is confirmed by reading the booking, not sent again", async () => {
    const cal = client();
    const booking = await cal.createBooking({ start: slot(14), eventTypeId: EVENT_TYPE, attendee: attendee() });
    await fakeFaults(url, { failNext: 1, afterEffect: true, status: 503 });
    const cancelled = await cal.cancelBooking(booking.uid, "patient called", { reconcileDelayMs: 0 });
    expect(cancelled.status).toBe("cancelled");
    expect(await fakeRequests(url, `/v2/bookings/${booking.uid}/cancel`)).toHaveLength(1);
  });

  it("a reschedule whose answer was lost returns the new booking instead of moving twice", async () => {
    const cal = client();
    const booking = await cal.createBooking({ start: slot(15), eventTypeId: EVENT_TYPE, attendee: attendee() });
    await fakeFaults(url, { failNext: 1, afterEffect: true, status: 500 });
    const moved = await cal.rescheduleBooking(booking.uid, slot(16), { reconcileDelayMs: 0 });
    expect(moved).toMatchObject({ rescheduledFromUid: booking.uid, start: slot(16) });
    expect(await fakeRequests(url, `/v2/bookings/${booking.uid}/reschedule`)).toHaveLength(1);
    expect((await bookingsIn(url)).filter((b) => b.status === "accepted")).toHaveLength(1);
  });
});

describe("Cal.com webhooks", () => {
  it("verifies the fake's X-Cal-Signature-256 and rejects forged and tampered deliveries", async () => {
    const booking = await client().createBooking({ start: slot(17), eventTypeId: EVENT_TYPE, attendee: attendee() });
    capture.received.length = 0;
    const { deliveries } = await fakeSendWebhook(url, { target: capture.url, event: "BOOKING_CREATED", bookingUid: booking.uid });
    expect(deliveries[0]!.status).toBe(200);
    const got = capture.received[0]!;
    const header = got.headers["x-cal-signature-256"] as string;

    expect(verifyCalcomSignature(got.raw, header, ACME.calcomWebhookSecret)).toBe(true);
    expect(calcomSignatureProblem(got.raw, header, DEMO_CREDENTIALS.globex.calcomWebhookSecret)).toBe("mismatch");
    expect(calcomSignatureProblem(got.raw.replace(booking.uid, "someoneElse"), header, ACME.calcomWebhookSecret)).toBe("mismatch");
    expect(calcomSignatureProblem(got.raw, undefined, ACME.calcomWebhookSecret)).toBe("missing");
    expect(calcomSignatureProblem(got.raw, "not-hex", ACME.calcomWebhookSecret)).toBe("malformed");

    const parsed = parseCalcomWebhook(JSON.parse(got.raw));
    expect(parsed.known).toBe(true);
    expect(parsed.webhook.payload).toMatchObject({ uid: booking.uid, bookingId: booking.id, status: "ACCEPTED", startTime: booking.start });
  });

  it("the dedupe id is stable across a redelivery and differs for another event of the same booking", async () => {
    const booking = await client().createBooking({ start: slot(18), eventTypeId: EVENT_TYPE, attendee: attendee() });
    const createdAt = "2026-11-21T10:00:00.000Z";
    const send = async (event: string, at: string) => {
      const { deliveries } = await fakeSendWebhook(url, { target: capture.url, event, bookingUid: booking.uid, createdAt: at });
      return calcomEventId(JSON.parse(deliveries[0]!.sent.body));
    };
    const first = await send("BOOKING_CREATED", createdAt);
    expect(await send("BOOKING_CREATED", createdAt)).toBe(first);
    expect(first).toBe(`BOOKING_CREATED:${booking.uid}:${createdAt}`);
    expect(await send("BOOKING_CANCELLED", createdAt)).not.toBe(first);
    expect(await send("BOOKING_CREATED", "2026-11-21T10:00:01.000Z")).not.toBe(first);
  });
});
