import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as GET_CUSTOMER, PATCH } from "@/app/api/v1/customers/[id]/route";
import { POST as MERGE } from "@/app/api/v1/customers/[id]/merge/route";
import { GET as TIMELINE } from "@/app/api/v1/customers/[id]/timeline/route";
import { GET as LIST, POST as CREATE } from "@/app/api/v1/customers/route";
import { GET as LIST_CALLS } from "@/app/api/v1/calls/route";
import { GET as GET_APPOINTMENT } from "@/app/api/v1/appointments/[id]/route";
import { GET as LIST_APPOINTMENTS } from "@/app/api/v1/appointments/route";
import { cacheKeys } from "@/lib/cache/keys";
import type { CacheResource } from "@/lib/cache/policy";
import { closeDb, getDb } from "@/lib/db/client";
import { appointments } from "@/lib/db/schema/appointments";
import { auditLog } from "@/lib/db/schema/audit-log";
import { calls } from "@/lib/db/schema/calls";
import { customers } from "@/lib/db/schema/customers";
import { emailEvents } from "@/lib/db/schema/email-events";
import { createId } from "@/lib/ids/create-id";
import { getRedis } from "@/lib/redis/client";
import type { AppointmentDetail, CalendarItem } from "@/lib/services/appointments/schemas";
import type { CallListItem } from "@/lib/services/calls/schemas";
import type { CustomerDetail, CustomerView, MergeResult, TimelineItem } from "@/lib/services/customers/schemas";
import { sqlRows } from "../helpers/demo-data";
import { seedMembership, seedTenant, seedUser } from "../helpers/seed-rows";
import { personCaller, routeParams, signedRequest, type TestCaller } from "../helpers/signed-request";
import { seedCustomer, uniquePhone } from "../helpers/webhook-tenants";

type Body<T, M = { nextCursor: string | null; limit: number }> = {
  data: T;
  meta: M;
  error?: { code: string; message: string; details?: Array<{ field: string; code?: string; existingId?: string }> };
};

let companyId: string;
let otherCompanyId: string;
let owner: TestCaller;
let viewer: TestCaller;
let outsider: TestCaller;

beforeAll(async () => {
  const t = await seedTenant({ role: "owner" });
  companyId = t.companyId;
  owner = personCaller({ userId: t.user.id, companyId, role: "owner" });
  const v = await seedUser();
  await seedMembership(companyId, v.id, "viewer");
  viewer = personCaller({ userId: v.id, companyId, role: "viewer" });
  const o = await seedTenant({ role: "owner" });
  otherCompanyId = o.companyId;
  outsider = personCaller({ userId: o.user.id, companyId: otherCompanyId, role: "owner" });
});
afterAll(async () => {
  await closeDb();
});

async function list(query: Record<string, string>, caller = owner) {
  const res = await LIST(await signedRequest(`/api/v1/customers?${new URLSearchParams(query)}`, { caller }));
  return { res, body: (await res.json()) as Body<CustomerView[]> };
}
async function create(body: unknown, caller = owner, headers: Record<string, string> = {}) {
  const res = await CREATE(await signedRequest("/api/v1/customers", { method: "POST", caller, body, headers }));
  return { res, body: (await res.json()) as Body<CustomerView> };
}
async function patch(id: string, body: unknown, caller = owner) {
  const res = await PATCH(await signedRequest(`/api/v1/customers/${id}`, { method: "PATCH", caller, body }), routeParams({ id }));
  return { res, body: (await res.json()) as Body<CustomerView> };
}
async function profile(id: string, caller = owner) {
  const res = await GET_CUSTOMER(await signedRequest(`/api/v1/customers/${id}`, { caller }), routeParams({ id }));
  return { res, body: (await res.json()) as Body<CustomerDetail> };
}
async function timeline(id: string, query: Record<string, string>, caller = owner) {
  const res = await TIMELINE(
    await signedRequest(`/api/v1/customers/${id}/timeline?${new URLSearchParams(query)}`, { caller }),
    routeParams({ id }),
  );
  return { res, body: (await res.json()) as Body<TimelineItem[]> };
}
async function merge(id: string, duplicateId: string, caller = owner) {
  const res = await MERGE(
    await signedRequest(`/api/v1/customers/${id}/merge`, { method: "POST", caller, body: { duplicateId } }),
    routeParams({ id }),
  );
  return { res, body: (await res.json()) as Body<MergeResult> };
}
async function version(resource: CacheResource, company = companyId): Promise<string | null> {
  const v = await getRedis().get<string | number>(cacheKeys.companyVersion(company, resource));
  return v === null ? null : String(v);
}

/** A 617 number no other test uses, in E.164 and its ten national digits. */
function bostonNumber(): { e164: string; digits: string } {
  // The exchange must start with 2–9 to be a North American number; the rest comes from uniquePhone.
  const tail = `5${uniquePhone().slice(-6)}`;
  return { e164: `+1617${tail}`, digits: `617${tail}` };
}

async function seedHistory(customerId: string, company: string, times: Date[]) {
  const db = getDb();
  const ids: string[] = [];
  for (const [i, at] of times.entries()) {
    const kind = i % 3;
    if (kind === 0) {
      const id = createId("call", { at });
      await db.insert(calls).values({
        id,
        companyId: company,
        retellCallId: `rc_${id}`,
        customerId,
        direction: "inbound",
        status: "ended",
        startedAt: at,
        durationMs: 42_000,
      });
      ids.push(id);
    } else if (kind === 1) {
      const id = createId("appointment", { at });
      await db.insert(appointments).values({
        id,
        companyId: company,
        customerId,
        title: `Cleaning ${i}`,
        startAt: at,
        endAt: new Date(at.getTime() + 1_800_000),
      });
      ids.push(id);
    } else {
      const id = createId("emailEvent", { at });
      await db.insert(emailEvents).values({
        id,
        companyId: company,
        customerId,
        sgEventId: `sg_${id}`,
        eventType: "delivered",
        email: "x@patients.test",
        occurredAt: at,
      });
      ids.push(id);
    }
  }
  return ids;
}

describe("GET /api/v1/customers — search", () => {
  it("finds a customer by phone however it is typed, by name prefix and by email, and never another company's", async () => {
    const { e164, digits } = bostonNumber();
    const name = `Quintavalle ${digits.slice(-4)}`;
    const id = await seedCustomer(companyId, { name, phone: e164, email: `q.${digits}@example.test` });
    const foreign = await seedCustomer(otherCompanyId, { name, phone: e164, email: `q.${digits}@example.test` });
    const spellings = [
      `(617) ${digits.slice(3, 6)}-${digits.slice(6)}`,
      e164,
      `617.${digits.slice(3, 6)}.${digits.slice(6)}`,
      digits.slice(-7),
    ];
    for (const q of spellings) {
      const { res, body } = await list({ q });
      expect(res.status, q).toBe(200);
      if (q === digits.slice(-7))
        expect(
          body.data.map((c) => c.id),
          q,
        ).toContain(id);
      else
        expect(
          body.data.map((c) => c.id),
          q,
        ).toEqual([id]);
    }
    for (const q of ["quintaval", `Quintavalle ${digits.slice(-4)}`, `q.${digits}@example.test`, `Q.${digits}@EXAMPLE.test`]) {
      const { body } = await list({ q });
      expect(
        body.data.map((c) => c.id),
        q,
      ).toContain(id);
      expect(
        body.data.map((c) => c.id),
        q,
      ).not.toContain(foreign);
    }
    expect((await list({ q: "zzzznomatch" })).body.data).toEqual([]);
    // Too short to be a word or a number: matches no one, not everyone.
    expect((await list({ q: "q" })).body.data).toEqual([]);
  });

  it("walks every customer exactly once in name order, with one cursor", async () => {
    const t = await seedTenant({ role: "viewer" });
    const caller = personCaller({ userId: t.user.id, companyId: t.companyId, role: "viewer" });
    const names = ["Ames", "ames", "Bo", "Bo", "Bo", "Cy", "Zed", "Émile", "al", "Bo"];
    for (const n of names) await seedCustomer(t.companyId, { name: n });
    const expected = (await sqlRows<{ id: string }>("SELECT id FROM customers WHERE company_id = ? ORDER BY name, id", [t.companyId])).map(
      (r) => r.id,
    );
    for (const limit of ["1", "3", "4", "100"]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const { res, body } = await list({ limit, ...(cursor ? { cursor } : {}) }, caller);
        expect(res.status).toBe(200);
        seen.push(...body.data.map((c) => c.id));
        cursor = body.meta.nextCursor;
      } while (cursor);
      expect(seen).toEqual(expected);
    }
    expect((await list({ cursor: "not-a-cursor" }, caller)).res.status).toBe(400);
  });

  it("is cached (MISS, then HIT) and a write makes the next read fresh", async () => {
    const id = await seedCustomer(companyId, { name: "Cachetest Person" });
    const first = await list({ q: "Cachetest" });
    const second = await list({ q: "Cachetest" });
    expect(first.res.headers.get("x-cache")).toBe("MISS");
    expect(second.res.headers.get("x-cache")).toBe("HIT");
    expect((await patch(id, { name: "Cachetest Renamed" })).res.status).toBe(200);
    const after = await list({ q: "Cachetest" });
    expect(after.res.headers.get("x-cache")).toBe("MISS");
    expect(after.body.data.map((c) => c.name)).toEqual(["Cachetest Renamed"]);
  });
});

describe("POST /api/v1/customers and PATCH /api/v1/customers/{id}", () => {
  it("creates with the phone normalised and the email lower-cased (201 + Location)", async () => {
    const { e164, digits } = bostonNumber();
    const { res, body } = await create({
      name: "  Ada Nova ",
      phone: `(617) ${digits.slice(3, 6)}-${digits.slice(6)}`,
      email: ` Ada.${digits}@Mail.TEST `,
    });
    expect(res.status, JSON.stringify(body.error)).toBe(201);
    expect(body.data).toMatchObject({ name: "Ada Nova", phone: e164, email: `ada.${digits}@mail.test`, tags: [] });
    expect(res.headers.get("location")).toBe(`/api/v1/customers/${body.data.id}`);
  });

  it("answers 409 with the field on a duplicate phone (any spelling) or email (any case), 400 on a bad phone", async () => {
    const { e164, digits } = bostonNumber();
    const existing = await seedCustomer(companyId, { phone: e164, email: `dup.${digits}@x.test` });
    const phoneDup = await create({ name: "Other", phone: `617.${digits.slice(3, 6)}.${digits.slice(6)}` });
    expect(phoneDup.res.status).toBe(409);
    expect(phoneDup.body.error).toMatchObject({ code: "conflict", details: [{ field: "phone", code: "duplicate", existingId: existing }] });
    const emailDup = await create({ name: "Other", email: `DUP.${digits}@X.test` });
    expect(emailDup.res.status).toBe(409);
    expect(emailDup.body.error?.details?.[0]).toMatchObject({ field: "email", existingId: existing });
    const bad = await create({ name: "Other", phone: "call me maybe" });
    expect(bad.res.status).toBe(400);
    expect(bad.body.error?.details?.[0]?.field).toBe("phone");
    // The same number in another company is another customer.
    expect((await create({ name: "Elsewhere", phone: e164 }, outsider)).res.status).toBe(201);
    expect(await sqlRows("SELECT id FROM customers WHERE company_id = ? AND phone = ?", [companyId, e164])).toHaveLength(1);
  });

  it("two creates of one email at once: one customer, the other 409", async () => {
    const email = `race.${createId("customer").toLowerCase()}@x.test`;
    const results = await Promise.all([create({ name: "A", email }), create({ name: "B", email })]);
    expect(results.map((r) => r.res.status).sort()).toEqual([201, 409]);
    expect(await sqlRows("SELECT id FROM customers WHERE company_id = ? AND email = ?", [companyId, email])).toHaveLength(1);
  });

  it("honours Idempotency-Key: same key and body → the same customer; another body → 409", async () => {
    const key = `idem-${createId("customer")}`;
    const body = { name: "Idem Potent", phone: bostonNumber().e164 };
    const first = await create(body, owner, { "idempotency-key": key });
    const again = await create(body, owner, { "idempotency-key": key });
    expect(first.res.status).toBe(201);
    expect(again.res.status).toBe(201);
    expect(again.res.headers.get("idempotent-replayed")).toBe("true");
    expect(again.body.data.id).toBe(first.body.data.id);
    const other = await create({ ...body, name: "Someone Else" }, owner, { "idempotency-key": key });
    expect(other.res.status).toBe(409);
  });

  it("updates the fields sent; 409 on another customer's phone or email; null clears", async () => {
    const a = bostonNumber();
    const b = bostonNumber();
    const id = await seedCustomer(companyId, { name: "Pat Before", phone: a.e164, email: `pat.${a.digits}@x.test` });
    const other = await seedCustomer(companyId, { phone: b.e164, email: `other.${b.digits}@x.test` });
    const renamed = await patch(id, { name: "Pat After", notes: "Prefers mornings", tags: ["vip"] });
    expect(renamed.res.status).toBe(200);
    expect(renamed.body.data).toMatchObject({ name: "Pat After", phone: a.e164, notes: "Prefers mornings", tags: ["vip"] });
    const taken = await patch(id, { phone: `(617) ${b.digits.slice(3, 6)}-${b.digits.slice(6)}` });
    expect(taken.res.status).toBe(409);
    expect(taken.body.error?.details?.[0]).toMatchObject({ field: "phone", existingId: other });
    expect((await patch(id, { email: `OTHER.${b.digits}@x.test` })).body.error?.details?.[0]).toMatchObject({ field: "email" });
    // Its own values again are not a conflict.
    expect((await patch(id, { phone: a.e164, email: `PAT.${a.digits}@x.test` })).res.status).toBe(200);
    expect((await patch(id, { email: null })).body.data.email).toBeNull();
    expect((await patch(id, {})).res.status).toBe(400);
  });

  it("customers:write is needed (viewer 403, nothing written) and another company's id is 404", async () => {
    const id = await seedCustomer(companyId, { name: "Guarded" });
    expect((await create({ name: "Nope" }, viewer)).res.status).toBe(403);
    expect((await patch(id, { name: "Nope" }, viewer)).res.status).toBe(403);
    expect((await patch(id, { name: "Nope" }, outsider)).res.status).toBe(404);
    expect((await profile(id, outsider)).res.status).toBe(404);
    expect((await timeline(id, {}, outsider)).res.status).toBe(404);
    expect((await profile(id, viewer)).body.data.name).toBe("Guarded");
  });

  it("a rename reaches the calls list that shows the name (customers.updated invalidates calls)", async () => {
    const id = await seedCustomer(companyId, { name: "Callname Before" });
    await seedHistory(id, companyId, [new Date("2026-03-01T10:00:00Z")]);
    const q = { customerId: id };
    const listCalls = async () => {
      const res = await LIST_CALLS(await signedRequest(`/api/v1/calls?${new URLSearchParams(q)}`, { caller: owner }));
      return (await res.json()) as Body<CallListItem[]>;
    };
    expect((await listCalls()).data[0]?.customer?.name).toBe("Callname Before");
    const before = { calls: await version("calls"), dashboard: await version("dashboard"), customers: await version("customers") };
    await patch(id, { name: "Callname After" });
    expect((await listCalls()).data[0]?.customer?.name).toBe("Callname After");
    expect(await version("calls")).not.toBe(before.calls);
    expect(await version("dashboard")).not.toBe(before.dashboard);
    expect(await version("customers")).not.toBe(before.customers);
  });

  it("a rename reaches the calendar and a booking's detail (customers.updated invalidates calendar and appointments)", async () => {
    const id = await seedCustomer(companyId, { name: "Bookname Before" });
    const appointmentId = createId("appointment");
    const startAt = new Date(Date.now() + 30 * 86_400_000);
    await getDb()
      .insert(appointments)
      .values({
        id: appointmentId,
        companyId,
        calBookingUid: `uid_${appointmentId.slice(-16)}`,
        title: "Check-up",
        status: "confirmed",
        startAt,
        endAt: new Date(startAt.getTime() + 30 * 60_000),
        customerId: id,
      });
    const day = startAt.toISOString().slice(0, 10);
    const calendarName = async () => {
      const res = await LIST_APPOINTMENTS(await signedRequest(`/api/v1/appointments?from=${day}&to=${day}`, { caller: owner }));
      const body = (await res.json()) as Body<CalendarItem[]>;
      return { cache: res.headers.get("x-cache"), name: body.data.find((i) => i.id === appointmentId)?.customer?.name };
    };
    const detailName = async () => {
      const res = await GET_APPOINTMENT(
        await signedRequest(`/api/v1/appointments/${appointmentId}`, { caller: owner }),
        routeParams({ id: appointmentId }),
      );
      return { cache: res.headers.get("x-cache"), name: ((await res.json()) as Body<AppointmentDetail>).data.customer?.name };
    };
    await calendarName();
    await detailName();
    expect(await calendarName()).toEqual({ cache: "HIT", name: "Bookname Before" });
    expect(await detailName()).toEqual({ cache: "HIT", name: "Bookname Before" });
    const before = { calendar: await version("calendar"), appointments: await version("appointments") };

    expect((await patch(id, { name: "Bookname After" })).res.status).toBe(200);
    expect(await version("calendar")).not.toBe(before.calendar);
    expect(await version("appointments")).not.toBe(before.appointments);
    expect(await calendarName()).toEqual({ cache: "MISS", name: "Bookname After" });
    expect(await detailName()).toEqual({ cache: "MISS", name: "Bookname After" });
  });
});

describe("GET /api/v1/customers/{id} — possible duplicates", () => {
  it("lists customers with the same email (any case) or phone, not itself, not another company's", async () => {
    const { digits } = bostonNumber();
    const email = `twin.${digits}@x.test`;
    const id = await seedCustomer(companyId, { name: "Twin A", email });
    const twin = await seedCustomer(companyId, { name: "Twin B", email: email.toUpperCase(), phone: null });
    await seedCustomer(otherCompanyId, { name: "Twin C", email });
    const { res, body } = await profile(id);
    expect(res.status).toBe(200);
    expect(body.data.possibleDuplicates.map((d) => d.id)).toEqual([twin]);
  });
});

describe("GET /api/v1/customers/{id}/timeline", () => {
  it("walks calls, bookings and emails newest first, every item exactly once, with one cursor (ties included)", async () => {
    const id = await seedCustomer(companyId, { name: "Timeline Person" });
    const base = Date.parse("2026-05-01T12:00:00.000Z");
    // 31 items, many sharing one instant across kinds and within a kind.
    const times = Array.from({ length: 31 }, (_, i) => new Date(base + (i % 4 === 0 ? 0 : i * 60_000)));
    await seedHistory(id, companyId, times);
    // Another customer's items never show.
    await seedHistory(await seedCustomer(companyId), companyId, times.slice(0, 5));
    const expected = (
      await sqlRows<{ id: string }>(
        `SELECT id, at FROM (
           SELECT id, started_at AS at FROM calls WHERE company_id = ? AND customer_id = ?
           UNION ALL SELECT id, start_at FROM appointments WHERE company_id = ? AND customer_id = ?
           UNION ALL SELECT id, occurred_at FROM email_events WHERE company_id = ? AND customer_id = ?) t
         ORDER BY at DESC, id DESC`,
        [companyId, id, companyId, id, companyId, id],
      )
    ).map((r) => r.id);
    expect(expected).toHaveLength(31);
    for (const limit of ["1", "2", "5", "7", "31", "100"]) {
      const seen: TimelineItem[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const { res, body } = await timeline(id, { limit, ...(cursor ? { cursor } : {}) });
        expect(res.status).toBe(200);
        seen.push(...body.data);
        cursor = body.meta.nextCursor;
        pages++;
      } while (cursor);
      expect(
        seen.map((i) => i.id),
        `limit ${limit}`,
      ).toEqual(expected);
      expect(pages).toBe(Math.max(1, Math.ceil(31 / Number(limit))));
    }
    const { body } = await timeline(id, { limit: "100" });
    expect(new Set(body.data.map((i) => i.kind))).toEqual(new Set(["call", "appointment", "email"]));
    const call = body.data.find((i) => i.kind === "call");
    expect(call).toMatchObject({ kind: "call", call: { direction: "inbound", status: "ended", durationSec: 42 } });
  });

  it("an unknown id is 404; a viewer may read", async () => {
    expect((await timeline(createId("customer"), {})).res.status).toBe(404);
    const id = await seedCustomer(companyId);
    expect((await timeline(id, {}, viewer)).res.status).toBe(200);
  });
});

describe("POST /api/v1/customers/{id}/merge", () => {
  const countsOf = async (customerId: string) => {
    const [row] = await sqlRows<{ calls: number; appts: number; emails: number }>(
      `SELECT (SELECT COUNT(*) FROM calls WHERE customer_id = ?) AS calls,
              (SELECT COUNT(*) FROM appointments WHERE customer_id = ?) AS appts,
              (SELECT COUNT(*) FROM email_events WHERE customer_id = ?) AS emails`,
      [customerId, customerId, customerId],
    );
    return { calls: Number(row!.calls), appointments: Number(row!.appts), emails: Number(row!.emails) };
  };

  it("moves every call, booking and email of the duplicate exactly once, fills the gaps, removes it, and audits", async () => {
    const { e164, digits } = bostonNumber();
    const target = await seedCustomer(companyId, { name: "Merge Target", phone: null, email: `m.${digits}@x.test` });
    const dup = await seedCustomer(companyId, { name: "Merge Dup", phone: e164, email: `m.${digits}@x.test` });
    const base = Date.parse("2026-04-01T09:00:00Z");
    await seedHistory(
      target,
      companyId,
      [0, 1, 2].map((i) => new Date(base + i * 1000)),
    );
    const moving = await seedHistory(
      dup,
      companyId,
      [0, 1, 2, 3, 4, 5, 6].map((i) => new Date(base + i * 7000)),
    );
    const before = {
      customers: await version("customers"),
      appointments: await version("appointments"),
      calendar: await version("calendar"),
    };

    const { res, body } = await merge(target, dup);
    expect(res.status, JSON.stringify(body.error)).toBe(200);
    expect(body.data.moved).toEqual({ calls: 3, appointments: 2, emails: 2 });
    expect(body.data.removedId).toBe(dup);
    expect(body.data.customer).toMatchObject({ id: target, name: "Merge Target", phone: e164 });
    expect(await countsOf(target)).toEqual({ calls: 4, appointments: 3, emails: 3 });
    expect(await countsOf(dup)).toEqual({ calls: 0, appointments: 0, emails: 0 });
    expect(await getDb().select().from(customers).where(eq(customers.id, dup))).toEqual([]);
    // The moved rows are the duplicate's, each once.
    const timelineIds = (await timeline(target, { limit: "100" })).body.data.map((i) => i.id);
    for (const m of moving) expect(timelineIds.filter((x) => x === m)).toHaveLength(1);
    const audit = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "customer.merged"), eq(auditLog.targetId, target)));
    expect(audit).toEqual([
      expect.objectContaining({
        companyId,
        actorUserId: owner.uid,
        metadata: { duplicateId: dup, duplicateName: "Merge Dup", moved: body.data.moved },
      }),
    ]);
    expect(await version("customers")).not.toBe(before.customers);
    expect(await version("appointments")).not.toBe(before.appointments);
    expect(await version("calendar")).not.toBe(before.calendar);
    // Both profiles read fresh: the duplicate is gone, the target shows what it took.
    expect((await profile(dup)).res.status).toBe(404);
    expect((await profile(target)).body.data).toMatchObject({ phone: e164, possibleDuplicates: [] });
    // Merging it again: the duplicate no longer exists.
    expect((await merge(target, dup)).res.status).toBe(404);
  });

  it("refuses a merge into itself (422), across tenants (404, nothing moved) and by a viewer (403)", async () => {
    const target = await seedCustomer(companyId, { name: "Self" });
    const foreign = await seedCustomer(otherCompanyId, { name: "Foreign" });
    await seedHistory(foreign, otherCompanyId, [new Date("2026-04-02T09:00:00Z")]);
    const self = await merge(target, target);
    expect(self.res.status).toBe(422);
    expect(self.body.error?.details?.[0]?.field).toBe("duplicateId");
    expect((await merge(target, foreign)).res.status).toBe(404);
    expect((await merge(foreign, target)).res.status).toBe(404);
    expect((await merge(target, foreign, outsider)).res.status).toBe(404);
    expect(await countsOf(foreign)).toEqual({ calls: 1, appointments: 0, emails: 0 });
    expect(await getDb().select({ id: customers.id }).from(customers).where(eq(customers.id, foreign))).toHaveLength(1);
    const dup = await seedCustomer(companyId);
    expect((await merge(target, dup, viewer)).res.status).toBe(403);
    expect(await getDb().select({ id: customers.id }).from(customers).where(eq(customers.id, dup))).toHaveLength(1);
  });
});
