import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { POST as CANCEL } from "@/app/api/v1/appointments/[id]/cancel/route";
import { POST as RESCHEDULE } from "@/app/api/v1/appointments/[id]/reschedule/route";
import { GET as GET_ONE, PATCH } from "@/app/api/v1/appointments/[id]/route";
import { GET as LOOKUP } from "@/app/api/v1/appointments/customer-lookup/route";
import { GET as LIST, POST as BOOK } from "@/app/api/v1/appointments/route";
import { GET as SLOTS } from "@/app/api/v1/appointments/slots/route";
import { breakerKeys } from "@/lib/breaker/keys";
import { getDb } from "@/lib/db/client";
import { appointments, type AppointmentStatus } from "@/lib/db/schema/appointments";
import { calls } from "@/lib/db/schema/calls";
import { customers } from "@/lib/db/schema/customers";
import { createId } from "@/lib/ids/create-id";
import type { CalcomBooking } from "@/lib/integrations/calcom";
import { getRedis } from "@/lib/redis/client";
import type { AppointmentDetail, AppointmentView, CalendarItem } from "@/lib/services/appointments/schemas";
import { fakeControl, fakeFaults, fakeRequests, fakeSendWebhook, fakeState } from "../helpers/fakes-control";
import { apiKeyCaller, personCaller, routeParams, signedRequest, type TestCaller } from "../helpers/signed-request";
import { cacheVersion, startWebhookHarness, waitForWebhook, type WebhookHarness } from "../helpers/webhook-harness";
import { seedCustomer, seedWebhookTenant, type WebhookTenant } from "../helpers/webhook-tenants";

type Body<T> = { data: T; meta?: Record<string, unknown>; error?: { code: string; message: string; details?: unknown } };

let h: WebhookHarness;
let seq = 0;

beforeAll(async () => {
  h = await startWebhookHarness();
});
afterEach(async () => {
  await fakeControl(h.fake.calcom, "DELETE", "/__fake/faults");
  const name = "calcom";
  await getRedis().del(breakerKeys.state(name), breakerKeys.failures(name), breakerKeys.probes(name));
});
afterAll(async () => {
  await h.close();
});

/**
 * A weekday slot days ahead that no other test of the file uses: a weekend moves to Monday, and the
 * hour follows the sequence, so two slots that land on one Monday never share a time.
 */
function slot(): string {
  const n = seq++;
  const d = new Date(Date.now() + (3 + n) * 86_400_000);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  d.setUTCHours(13 + (n % 6), 0, 0, 0);
  return d.toISOString();
}
const day = (iso: string) => iso.slice(0, 10);

async function call<T>(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- route exports differ only in their params type
  handler: (req: Request, seg?: { params?: Promise<any> }) => Promise<Response>,
  path: string,
  opts: { method?: string; caller: TestCaller; body?: unknown; id?: string; headers?: Record<string, string> },
) {
  const req = await signedRequest(path, { method: opts.method ?? "GET", caller: opts.caller, body: opts.body, headers: opts.headers });
  const res = await handler(req, opts.id ? routeParams({ id: opts.id }) : undefined);
  return { res, body: (await res.json()) as Body<T> };
}

const list = (caller: TestCaller, q: Record<string, string>, headers: Record<string, string> = {}) =>
  call<CalendarItem[]>(LIST, `/api/v1/appointments?${new URLSearchParams(q)}`, { caller, headers });
const book = (caller: TestCaller, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  call<AppointmentView>(BOOK, "/api/v1/appointments", { method: "POST", caller, body, headers });
const getOne = (caller: TestCaller, id: string) => call<AppointmentDetail>(GET_ONE, `/api/v1/appointments/${id}`, { caller, id });
const patch = (caller: TestCaller, id: string, status: string) =>
  call<AppointmentView>(PATCH, `/api/v1/appointments/${id}`, { method: "PATCH", caller, id, body: { status } });
const reschedule = (caller: TestCaller, id: string, start: string) =>
  call<AppointmentView>(RESCHEDULE, `/api/v1/appointments/${id}/reschedule`, { method: "POST", caller, id, body: { start } });
const cancel = (caller: TestCaller, id: string, reason: string) =>
  call<AppointmentView>(CANCEL, `/api/v1/appointments/${id}/cancel`, { method: "POST", caller, id, body: { reason } });
const slots = (caller: TestCaller, from: string, to: string) =>
  call<Array<{ start: string }>>(SLOTS, `/api/v1/appointments/slots?from=${from}&to=${to}`, { caller });

const rowsOf = (companyId: string) => getDb().select().from(appointments).where(eq(appointments.companyId, companyId));
/** The Cal.com booking uid of an appointment (only in MySQL: the API never shows it). */
async function uidOf(id: string): Promise<string> {
  const [row] = await getDb().select({ uid: appointments.calBookingUid }).from(appointments).where(eq(appointments.id, id));
  return row!.uid!;
}

async function tenant(): Promise<{ t: WebhookTenant; customerId: string; viewer: TestCaller; member: TestCaller }> {
  const t = await seedWebhookTenant();
  const customerId = await seedCustomer(t.companyId, { name: "Ana Lima" });
  return {
    t,
    customerId,
    viewer: personCaller({ userId: t.userId, companyId: t.companyId, role: "viewer" }),
    member: personCaller({ userId: t.userId, companyId: t.companyId, role: "member" }),
  };
}

/** A row written straight to MySQL (a booking in the past, or in a given status). */
async function seedAppointment(companyId: string, p: { status: AppointmentStatus; startAt: Date; customerId?: string }): Promise<string> {
  const id = createId("appointment");
  await getDb()
    .insert(appointments)
    .values({
      id,
      companyId,
      calBookingUid: `uid_${id.slice(-16)}`,
      title: "Check-up",
      status: p.status,
      startAt: p.startAt,
      endAt: new Date(p.startAt.getTime() + 30 * 60_000),
      customerId: p.customerId ?? null,
    });
  return id;
}

describe("GET /api/v1/appointments — the calendar", () => {
  it("answers the bookings starting in the range with their customers, oldest first; filters by status; cached (MISS then HIT)", async () => {
    const { t, customerId } = await tenant();
    const base = new Date(Date.now() + 40 * 86_400_000);
    base.setUTCHours(12, 0, 0, 0);
    const a = await seedAppointment(t.companyId, { status: "confirmed", startAt: new Date(base.getTime() + 3_600_000), customerId });
    const b = await seedAppointment(t.companyId, { status: "no_show", startAt: base });
    await seedAppointment(t.companyId, { status: "confirmed", startAt: new Date(base.getTime() + 20 * 86_400_000) });
    const q = { from: day(base.toISOString()), to: day(new Date(base.getTime() + 86_400_000).toISOString()) };

    const first = await list(t.owner, q);
    expect(first.res.status).toBe(200);
    expect(first.res.headers.get("x-cache")).toBe("MISS");
    expect(first.body.data.map((i) => i.id)).toEqual([b, a]);
    expect(first.body.data[1]!.customer).toMatchObject({ id: customerId, name: "Ana Lima" });
    expect(first.body.meta).toMatchObject({ timezone: expect.any(String), truncated: false, nextCursor: null, businessHoursDefault: true });
    expect((await list(t.owner, q)).res.headers.get("x-cache")).toBe("HIT");

    const noShows = await list(t.owner, { ...q, status: "no_show" });
    expect(noShows.body.data.map((i) => i.id)).toEqual([b]);
  });

  it("ids are checked against the id format: a customerId that is not a customer id, or an appointment path id of another kind, is 400", async () => {
    const { t, customerId } = await tenant();
    const q = { from: "2026-01-01", to: "2026-01-31" };
    for (const bad of ["not-an-id", "💥".repeat(3), createId("call")]) {
      const refused = await list(t.owner, { ...q, customerId: bad });
      expect(refused.res.status, bad).toBe(400);
      expect(refused.body.error).toMatchObject({ code: "validation_failed", details: [{ field: "customerId" }] });
    }
    expect((await list(t.owner, { ...q, customerId })).res.status).toBe(200);
    const wrongKind = await getOne(t.owner, customerId);
    expect(wrongKind.res.status).toBe(400);
    expect(wrongKind.body.error).toMatchObject({ code: "validation_failed", details: [{ field: "id" }] });
  });

  it("refuses a range longer than 62 days, or backwards, with 400 in the envelope", async () => {
    const { t } = await tenant();
    const long = await list(t.owner, { from: "2026-01-01", to: "2026-03-04" });
    expect(long.res.status).toBe(400);
    expect(long.body.error).toMatchObject({ code: "validation_failed", details: [{ field: "to", code: "range_too_long" }] });
    expect((await list(t.owner, { from: "2026-01-01", to: "2026-03-03" })).res.status).toBe(200);
    expect((await list(t.owner, { from: "2026-02-01", to: "2026-01-01" })).res.status).toBe(400);
    expect((await list(t.owner, { from: "2026-01-01" })).res.status).toBe(400);
  });
});

describe("book, webhook redelivery, one booking, cross-tenant ids", () => {
  it("a booking made through the API and then delivered again by the Cal.com webhook stays one row", async () => {
    const { t, customerId, member } = await tenant();
    const start = slot();
    const booked = await book(member, { customerId, start, notes: "first visit" }, { "idempotency-key": `k-${seq}` });
    expect(booked.res.status, JSON.stringify(booked.body.error)).toBe(201);
    expect(booked.body.data).toMatchObject({ status: "confirmed", startAt: start, customerId, notes: "first visit" });

    for (const event of ["BOOKING_CREATED", "BOOKING_CREATED"]) {
      const { deliveries } = await fakeSendWebhook(h.fake.calcom, {
        target: h.target("calcom", { company: t.companyId }),
        event,
        bookingUid: await uidOf(booked.body.data.id),
        createdAt: new Date(Date.now() + seq++).toISOString(),
      });
      await waitForWebhook((JSON.parse(deliveries[0]!.body) as { data: { id: string } }).data.id);
    }
    const rows = await rowsOf(t.companyId);
    expect(rows.map((r) => r.id)).toEqual([booked.body.data.id]);
    expect(rows[0]).toMatchObject({ status: "confirmed", notes: "first visit", customerId });
  });

  it("the same Idempotency-Key answers the first booking again; with another body it is 409", async () => {
    const { t, customerId, member } = await tenant();
    const start = slot();
    const key = { "idempotency-key": `same-${t.companyId}` };
    const first = await book(member, { customerId, start }, key);
    expect(first.res.status, JSON.stringify(first.body.error)).toBe(201);
    const again = await book(member, { customerId, start }, key);
    expect(again.body.data.id).toBe(first.body.data.id);
    const other = await book(member, { customerId, start: slot() }, key);
    expect(other.res.status).toBe(409);
    expect(other.body.error).toMatchObject({ code: "conflict", details: [{ code: "idempotency_key_reused" }] });
    expect(await rowsOf(t.companyId)).toHaveLength(1);
  });

  it("two concurrent bookings with one Idempotency-Key reach Cal.com once: one 201, the other 409 (in progress) or the same answer", async () => {
    const { t, customerId, member } = await tenant();
    const start = slot();
    const key = { "idempotency-key": `race-${t.companyId}` };
    const creates = async () => (await fakeRequests(h.fake.calcom, "/v2/bookings")).filter((r) => r.method === "POST").length;
    const before = await creates();
    // The first create is held at Cal.com (after the booking is made), so the second arrives while it runs.
    await fakeFaults(h.fake.calcom, { latencyMs: 1_500, latencyNext: 1, path: "/v2/bookings" });
    const [a, b] = await Promise.all([book(member, { customerId, start }, key), book(member, { customerId, start }, key)]);
    const statuses = [a.res.status, b.res.status].sort();
    expect(statuses[0], JSON.stringify([a.body, b.body])).toBe(201);
    const first = a.res.status === 201 ? a : b;
    const second = first === a ? b : a;
    if (second.res.status === 409) expect(second.body.error?.code).toBe("conflict");
    else expect(second.body.data.id).toBe(first.body.data.id);
    expect(await creates()).toBe(before + 1);
    expect((await rowsOf(t.companyId)).map((r) => r.id)).toEqual([first.body.data.id]);
    const again = await book(member, { customerId, start }, key);
    expect(again.body.data.id).toBe(first.body.data.id);
    expect(await creates()).toBe(before + 1);
  });

  it("books a new customer (created with the booking) and finds customers to book by name, email or phone digits", async () => {
    const { t, member } = await tenant();
    const email = `new.${t.companyId.toLowerCase()}@patients.test`;
    const booked = await book(member, { customer: { name: "Zed Novak", email, phone: "+15557654321" }, start: slot() });
    expect(booked.res.status, JSON.stringify(booked.body.error)).toBe(201);
    const mine = await getDb()
      .select()
      .from(customers)
      .where(and(eq(customers.companyId, t.companyId), eq(customers.email, email)));
    expect(mine).toHaveLength(1);
    expect(booked.body.data.customerId).toBe(mine[0]!.id);
    for (const q of ["Zed", email.slice(0, 8), "765-4321"]) {
      const found = await call<Array<{ id: string }>>(LOOKUP, `/api/v1/appointments/customer-lookup?q=${encodeURIComponent(q)}`, {
        caller: member,
      });
      expect(
        found.body.data.map((c) => c.id),
        q,
      ).toContain(mine[0]!.id);
    }
    const both = await book(member, { customerId: mine[0]!.id, customer: { name: "X", email }, start: slot() });
    expect(both.res.status).toBe(400);
  });

  it("no answer of book, list or detail carries the Cal.com booking uid (the attendee's cancel/reschedule link)", async () => {
    const { customerId, member, viewer } = await tenant();
    const start = slot();
    const booked = await BOOK(await signedRequest("/api/v1/appointments", { method: "POST", caller: member, body: { customerId, start } }));
    const bookedText = await booked.text();
    expect(booked.status, bookedText).toBe(201);
    const { id } = (JSON.parse(bookedText) as Body<AppointmentView>).data;
    const uid = await uidOf(id);
    expect(uid.length).toBeGreaterThan(0);

    const listed = await LIST(await signedRequest(`/api/v1/appointments?from=${day(start)}&to=${day(start)}`, { caller: viewer }));
    const detail = await GET_ONE(await signedRequest(`/api/v1/appointments/${id}`, { caller: viewer }), routeParams({ id }));
    const texts = { book: bookedText, list: await listed.text(), detail: await detail.text() };
    expect(listed.status).toBe(200);
    expect(detail.status).toBe(200);
    expect(texts.list).toContain(id);
    expect(texts.detail).toContain(id);
    for (const [name, text] of Object.entries(texts)) {
      expect(text, name).not.toContain(uid);
      expect(text, name).not.toContain("calBookingUid");
    }
    const data = (JSON.parse(texts.list) as Body<CalendarItem[]>).data.find((i) => i.id === id)!;
    expect(Object.keys(data)).not.toContain("calBookingUid");
    expect(Object.keys((JSON.parse(texts.detail) as Body<AppointmentDetail>).data)).not.toContain("calBookingUid");
  });

  it("a body naming a Cal.com event type (another company's) is 400 naming the field; nothing reaches Cal.com, no row", async () => {
    const { t, customerId, member } = await tenant();
    const other = await seedWebhookTenant({ eventTypeId: 4242 });
    const posts = async () => (await fakeRequests(h.fake.calcom, "/v2/bookings")).filter((r) => r.method === "POST").length;
    const before = await posts();
    for (const eventTypeId of [4242, 3001]) {
      const refused = await book(
        member,
        { customerId, start: slot(), eventTypeId },
        { "idempotency-key": `et-${other.companyId}-${eventTypeId}` },
      );
      expect(refused.res.status, JSON.stringify(refused.body)).toBe(400);
      expect(refused.body.error).toMatchObject({ code: "validation_failed", details: [{ field: "eventTypeId" }] });
    }
    expect(await posts()).toBe(before);
    expect(await rowsOf(t.companyId)).toEqual([]);
  });

  it("another company's booking answers 404 on every path, and changes nothing", async () => {
    const { t, customerId } = await tenant();
    const other = await tenant();
    const id = await seedAppointment(t.companyId, { status: "confirmed", startAt: new Date(slot()), customerId });
    expect((await getOne(other.t.owner, id)).res.status).toBe(404);
    expect((await patch(other.t.owner, id, "completed")).res.status).toBe(404);
    expect((await reschedule(other.t.owner, id, slot())).res.status).toBe(404);
    expect((await cancel(other.t.owner, id, "x")).res.status).toBe(404);
    const foreignCustomer = await book(other.t.owner, { customerId, start: slot() });
    expect(foreignCustomer.res.status).toBe(404);
    expect((await rowsOf(t.companyId))[0]).toMatchObject({ id, status: "confirmed" });
  });

  it("customer lookup is the customers search: a phone in any spelling, every word a prefix, only the caller's company; bad q is 400", async () => {
    const { t, member } = await tenant();
    const other = await tenant();
    const phone = `+1617555${String(Date.now()).slice(-4)}`;
    const mine = await seedCustomer(t.companyId, { name: "Quincy Okonkwo-Marsh", phone });
    const theirs = await seedCustomer(other.t.companyId, { name: "Quincy Okonkwo-Marsh", phone });
    const local = phone.slice(2);
    const spellings = [
      `(${local.slice(0, 3)}) ${local.slice(3, 6)}-${local.slice(6)}`,
      phone,
      `${local.slice(0, 3)}.${local.slice(3, 6)}.${local.slice(6)}`,
    ];
    for (const q of [...spellings, "Okonk", "quin okonkwo"]) {
      const found = await call<Array<{ id: string }>>(LOOKUP, `/api/v1/appointments/customer-lookup?q=${encodeURIComponent(q)}`, {
        caller: member,
      });
      expect(found.res.status, q).toBe(200);
      expect(
        found.body.data.map((c) => c.id),
        q,
      ).toEqual([mine]);
      expect(JSON.stringify(found.body), q).not.toContain(theirs);
    }
    for (const q of ["", " ", "x".repeat(101)]) {
      const bad = await call(LOOKUP, `/api/v1/appointments/customer-lookup?q=${encodeURIComponent(q)}`, { caller: member });
      expect(bad.res.status, JSON.stringify(q)).toBe(400);
      expect(bad.body.error).toMatchObject({ code: "validation_failed", details: [{ field: "q" }] });
    }
  });

  it("customer lookup needs customers:read as well as appointments:write: a key with appointments:write only is 403", async () => {
    const { t } = await tenant();
    const lookup = (scopes: string[]) =>
      call<Array<{ id: string }>>(LOOKUP, "/api/v1/appointments/customer-lookup?q=Ana", {
        caller: apiKeyCaller({ keyId: `key_${t.companyId.slice(-8)}`, companyId: t.companyId, scopes }),
      });
    const writeOnly = await lookup(["appointments:write"]);
    expect(writeOnly.res.status).toBe(403);
    expect(writeOnly.body.error?.code).toBe("forbidden");
    expect(JSON.stringify(writeOnly.body)).not.toContain("Ana Lima");
    expect((await lookup(["customers:read"])).res.status).toBe(403);
    const both = await lookup(["appointments:write", "customers:read"]);
    expect(both.res.status).toBe(200);
    expect(both.body.data.map((c) => c.id)).toHaveLength(1);
  });

  it("a viewer reads the calendar and a booking but every write is refused (403)", async () => {
    const { t, customerId, viewer } = await tenant();
    const id = await seedAppointment(t.companyId, { status: "confirmed", startAt: new Date(slot()), customerId });
    expect((await getOne(viewer, id)).res.status).toBe(200);
    expect((await list(viewer, { from: day(slot()), to: day(slot()) })).res.status).toBe(200);
    expect((await book(viewer, { customerId, start: slot() })).res.status).toBe(403);
    expect((await patch(viewer, id, "completed")).res.status).toBe(403);
    expect((await reschedule(viewer, id, slot())).res.status).toBe(403);
    expect((await cancel(viewer, id, "x")).res.status).toBe(403);
    expect((await rowsOf(t.companyId))[0]).toMatchObject({ status: "confirmed" });
  });
});

describe("the status machine", () => {
  it("scheduled → confirmed → completed; a repeated move answers unchanged; illegal moves are 409 with the allowed ones", async () => {
    const { t, member } = await tenant();
    const id = await seedAppointment(t.companyId, { status: "scheduled", startAt: new Date(slot()) });

    const skip = await patch(member, id, "completed");
    expect(skip.res.status).toBe(409);
    expect(skip.body.error).toMatchObject({
      code: "conflict",
      details: { status: "scheduled", requested: "completed", allowed: ["confirmed", "cancelled"] },
    });
    expect((await patch(member, id, "confirmed")).body.data.status).toBe("confirmed");
    expect((await getOne(member, id)).body.data.allowedMoves).toEqual(["completed", "no_show", "cancelled"]);
    expect((await patch(member, id, "completed")).body.data.status).toBe("completed");
    expect((await patch(member, id, "completed")).res.status).toBe(200);

    const back = await patch(member, id, "no_show");
    expect(back.res.status).toBe(409);
    expect(back.body.error).toMatchObject({ details: { status: "completed", allowed: [] } });
    expect((await cancel(member, id, "too late")).res.status).toBe(409);
    expect((await reschedule(member, id, slot())).res.status).toBe(409);
    const bad = await patch(member, id, "cancelled");
    expect(bad.res.status).toBe(400);
    expect((await rowsOf(t.companyId))[0]).toMatchObject({ status: "completed" });
  });

  it("confirmed → no_show; cancelled is final; a booking in the past cannot be rescheduled", async () => {
    const { t, customerId, member } = await tenant();
    const booked = (await book(member, { customerId, start: slot() })).body.data;
    expect((await patch(member, booked.id, "no_show")).body.data.status).toBe("no_show");

    const other = (await book(member, { customerId, start: slot() })).body.data;
    const cancelled = await cancel(member, other.id, "feeling better");
    expect(cancelled.body.data).toMatchObject({ status: "cancelled", cancelReason: "feeling better" });
    const revive = await patch(member, other.id, "confirmed");
    expect(revive.res.status).toBe(409);
    expect(revive.body.error).toMatchObject({ details: { status: "cancelled", allowed: [] } });
    expect((await cancel(member, other.id, "")).res.status).toBe(400);

    const past = await seedAppointment(t.companyId, { status: "confirmed", startAt: new Date(Date.now() - 86_400_000), customerId });
    const moved = await reschedule(member, past, slot());
    expect(moved.res.status).toBe(409);
    expect(moved.body.error?.message).toMatch(/past/);
    expect((await getOne(member, past)).body.data.canReschedule).toBe(false);
  });
});

describe("reschedule and the caches", () => {
  it("after a reschedule the calendar (cached a moment before) shows the new time and the old one cancelled; dependent caches move", async () => {
    const { t, customerId, member } = await tenant();
    const start = slot();
    const booked = (await book(member, { customerId, start })).body.data;
    const newStart = slot();
    const q = { from: day(start), to: day(newStart) };
    await list(member, q);
    expect((await list(member, q)).res.headers.get("x-cache")).toBe("HIT");
    expect((await getOne(member, booked.id)).body.data.canReschedule).toBe(true);
    const versions = async () =>
      Promise.all((["calendar", "appointments", "dashboard", "analytics", "timeline"] as const).map((r) => cacheVersion(t.companyId, r)));
    const before = await versions();

    const moved = await reschedule(member, booked.id, newStart);
    expect(moved.res.status, JSON.stringify(moved.body.error)).toBe(200);
    const after = await versions();
    after.forEach((v, i) => expect(v).not.toBe(before[i]));

    const { res, body } = await list(member, q);
    expect(res.headers.get("x-cache")).toBe("MISS");
    const byId = new Map(body.data.map((i) => [i.id, i]));
    expect(byId.get(booked.id)).toMatchObject({ status: "cancelled", cancelReason: "Rescheduled" });
    expect(byId.get(moved.body.data.id)).toMatchObject({ status: "confirmed", startAt: newStart, customerId });
    expect(body.data.filter((i) => i.status !== "cancelled").map((i) => i.startAt)).toEqual([newStart]);
    expect((await getOne(member, booked.id)).body.data.status).toBe("cancelled");
  });

  it("the detail names the customer and the call the booking was made in", async () => {
    const { t, customerId, member } = await tenant();
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
    const booked = (await book(member, { customerId, start: slot(), callId })).body.data;
    const { body } = await getOne(member, booked.id);
    expect(body.data).toMatchObject({ customer: { id: customerId, name: "Ana Lima" }, sourceCall: { id: callId, direction: "inbound" } });
  });
});

describe("while Cal.com is down", () => {
  it("the calendar still reads, slots answer the last answer (X-Gateway-Fallback) or 503, writes answer 503 and write nothing", async () => {
    const { t, customerId, member } = await tenant();
    const booked = (await book(member, { customerId, start: slot() })).body.data;
    const from = day(slot());
    const to = day(slot());
    const live = await slots(member, from, to);
    expect(live.res.status, JSON.stringify(live.body.error)).toBe(200);
    expect(live.body.data.length).toBeGreaterThan(0);
    expect(live.res.headers.get("x-gateway-fallback")).toBeNull();
    const rowsBefore = await rowsOf(t.companyId);
    const customersBefore = await getDb().select().from(customers).where(eq(customers.companyId, t.companyId));
    const bookingsBefore = (await fakeState<{ bookings: CalcomBooking[] }>(h.fake.calcom)).bookings.length;

    await fakeFaults(h.fake.calcom, { down: true });

    const calendar = await list(member, { from: day(booked.startAt), to: day(booked.startAt) }, { "cache-control": "no-cache" });
    expect(calendar.res.status).toBe(200);
    expect(calendar.body.data.map((i) => i.id)).toContain(booked.id);

    // A cached answer would hide the outage: ask past the cache.
    const kept = await call<Array<{ start: string }>>(SLOTS, `/api/v1/appointments/slots?from=${from}&to=${to}`, {
      caller: member,
      headers: { "cache-control": "no-cache" },
    });
    expect(kept.res.status).toBe(200);
    expect(kept.res.headers.get("x-gateway-fallback")).toBe("calcom");
    expect(kept.body.data).toEqual(live.body.data);
    expect(kept.body.meta).toMatchObject({ stale: true });

    const never = await slots(member, day(slot()), day(slot()));
    expect(never.res.status).toBe(503);
    expect(Number(never.res.headers.get("retry-after"))).toBeGreaterThan(0);

    const writes = [
      await book(member, { customerId, start: slot() }),
      await book(member, { customer: { name: "Down Time", email: `down.${seq}@patients.test` }, start: slot() }),
      await reschedule(member, booked.id, slot()),
      await cancel(member, booked.id, "clash"),
    ];
    for (const w of writes) {
      expect(w.res.status, JSON.stringify(w.body.error)).toBe(503);
      expect(w.body.error?.code).toBe("service_unavailable");
      expect(Number(w.res.headers.get("retry-after"))).toBeGreaterThan(0);
    }
    expect(await rowsOf(t.companyId)).toEqual(rowsBefore);
    expect(await getDb().select().from(customers).where(eq(customers.companyId, t.companyId))).toEqual(customersBefore);

    await fakeControl(h.fake.calcom, "DELETE", "/__fake/faults");
    expect((await fakeState<{ bookings: CalcomBooking[] }>(h.fake.calcom)).bookings.length).toBe(bookingsBefore);
  });
});
