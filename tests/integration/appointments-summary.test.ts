import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PATCH } from "@/app/api/v1/appointments/[id]/route";
import { GET as LIST } from "@/app/api/v1/appointments/route";
import { GET as SUMMARY } from "@/app/api/v1/appointments/summary/route";
import { getDb } from "@/lib/db/client";
import { appointments, type AppointmentStatus } from "@/lib/db/schema/appointments";
import { companies } from "@/lib/db/schema/companies";
import { createId } from "@/lib/ids/create-id";
import { rebuildAppointmentDayCounts } from "@/lib/services/appointments/rebuild-appointment-day-counts";
import type { CalendarDay, CalendarItem } from "@/lib/services/appointments/schemas";
import { apiKeyCaller, personCaller, routeParams, signedRequest, type TestCaller } from "../helpers/signed-request";
import { startWebhookHarness, type WebhookHarness } from "../helpers/webhook-harness";
import { seedCustomer, seedWebhookTenant } from "../helpers/webhook-tenants";

type Body<T> = { data: T; meta?: Record<string, unknown>; error?: { code: string; message: string; details?: unknown } };

let h: WebhookHarness;
beforeAll(async () => {
  h = await startWebhookHarness();
});
afterAll(async () => {
  await h.close();
});

async function get<T>(
  handler: (req: Request) => Promise<Response>,
  path: string,
  caller: TestCaller,
  headers: Record<string, string> = {},
) {
  const res = await handler(await signedRequest(path, { caller, headers }));
  return { res, body: (await res.json()) as Body<T> };
}
const summary = (caller: TestCaller, q: Record<string, string>, headers: Record<string, string> = {}) =>
  get<CalendarDay[]>(SUMMARY, `/api/v1/appointments/summary?${new URLSearchParams(q)}`, caller, headers);
const list = (caller: TestCaller, q: Record<string, string>) =>
  get<CalendarItem[]>(LIST, `/api/v1/appointments?${new URLSearchParams(q)}`, caller, { "cache-control": "no-cache" });

async function seedAppointment(companyId: string, startAt: string, status: AppointmentStatus = "confirmed", customerId?: string) {
  const id = createId("appointment");
  const start = new Date(startAt);
  await getDb()
    .insert(appointments)
    .values({
      id,
      companyId,
      calBookingUid: `uid_${id.slice(-16)}`,
      title: "Check-up",
      status,
      startAt: start,
      endAt: new Date(start.getTime() + 30 * 60_000),
      customerId: customerId ?? null,
    });
  // Inserted past the services, as the seeders do: the day counts are rebuilt the way they rebuild them.
  await rebuildAppointmentDayCounts(companyId);
  return id;
}

/** A company in New York (the local days below span the end of daylight saving time, 2026-11-01). */
async function newYorkTenant() {
  const t = await seedWebhookTenant();
  await getDb().update(companies).set({ timezone: "America/New_York" }).where(eq(companies.id, t.companyId));
  const viewer = personCaller({ userId: t.userId, companyId: t.companyId, role: "viewer" });
  const member = personCaller({ userId: t.userId, companyId: t.companyId, role: "member" });
  return { t, viewer, member };
}

describe("GET /api/v1/appointments/summary — the month view", () => {
  it("counts each local day's bookings by status in the company's zone (a 25-hour DST day too) and carries the first perDay", async () => {
    const { t, viewer } = await newYorkTenant();
    const customerId = await seedCustomer(t.companyId, { name: "Ana Lima" });
    // Oct 31 23:59 EDT → Oct 31; Nov 1 00:30 EDT and Nov 1 23:30 EST (the day is 25 h long) → Nov 1; Nov 2 00:00 EST → Nov 2.
    const lastOfOct = await seedAppointment(t.companyId, "2026-11-01T03:59:00Z", "no_show");
    const early = await seedAppointment(t.companyId, "2026-11-01T04:30:00Z", "confirmed", customerId);
    const late = await seedAppointment(t.companyId, "2026-11-02T04:30:00Z", "scheduled");
    const mid = await seedAppointment(t.companyId, "2026-11-01T15:00:00Z", "cancelled");
    const midToo = await seedAppointment(t.companyId, "2026-11-01T16:00:00Z", "confirmed");
    const nov2 = await seedAppointment(t.companyId, "2026-11-02T05:00:00Z", "completed");
    await seedAppointment(t.companyId, "2026-11-04T05:00:00Z", "completed"); // outside the range

    const q = { from: "2026-10-31", to: "2026-11-03", perDay: "2" };
    const first = await summary(viewer, q);
    expect(first.res.status, JSON.stringify(first.body.error)).toBe(200);
    expect(first.res.headers.get("x-cache")).toBe("MISS");
    const days = first.body.data;
    expect(days.map((d) => d.date)).toEqual(["2026-10-31", "2026-11-01", "2026-11-02", "2026-11-03"]);
    expect(days.map((d) => d.total)).toEqual([1, 4, 1, 0]);
    expect(days[0]!.byStatus).toEqual({ scheduled: 0, confirmed: 0, completed: 0, cancelled: 0, no_show: 1 });
    expect(days[1]!.byStatus).toEqual({ scheduled: 1, confirmed: 2, completed: 0, cancelled: 1, no_show: 0 });
    expect(days.map((d) => d.first.map((i) => i.id))).toEqual([[lastOfOct], [early, mid], [nov2], []]);
    expect(days[1]!.first[0]!.customer).toMatchObject({ id: customerId, name: "Ana Lima" });
    expect(first.body.meta).toMatchObject({
      timezone: "America/New_York",
      perDay: 2,
      nextCursor: null,
      from: "2026-10-31T04:00:00.000Z",
      to: "2026-11-04T05:00:00.000Z",
    });
    expect((await summary(viewer, q)).res.headers.get("x-cache")).toBe("HIT");

    // The same days through the full calendar: every booking it lists is counted on the same day.
    const all = await list(viewer, { from: "2026-10-31", to: "2026-11-03" });
    expect(all.body.data.map((i) => i.id)).toEqual([lastOfOct, early, mid, midToo, late, nov2]);
    expect(days.reduce((n, d) => n + d.total, 0)).toBe(all.body.data.length);

    const none = await summary(viewer, { ...q, perDay: "0" });
    expect(none.body.data.every((d) => d.first.length === 0)).toBe(true);
    expect(none.body.data.map((d) => d.total)).toEqual([1, 4, 1, 0]);

    const cancelled = await summary(viewer, { from: "2026-11-01", to: "2026-11-01", status: "cancelled" });
    expect(cancelled.body.data).toEqual([
      expect.objectContaining({ date: "2026-11-01", total: 1, first: [expect.objectContaining({ id: mid })] }),
    ]);
    expect((await summary(viewer, { from: "2026-11-01", to: "2026-11-01" })).body.meta).toMatchObject({ perDay: 3 });
  });

  it("a month of full weeks with bookings every day (42 days) answers every day's first few", async () => {
    const { t, viewer } = await newYorkTenant();
    const start = Date.parse("2027-02-01T15:00:00Z");
    const rows = Array.from({ length: 42 * 2 }, (_, i) => {
      const at = new Date(start + Math.floor(i / 2) * 86_400_000 + (i % 2) * 3_600_000);
      const id = createId("appointment");
      return { id, companyId: t.companyId, calBookingUid: `uid_${id.slice(-16)}`, title: "Check-up", startAt: at, endAt: at };
    });
    await getDb().insert(appointments).values(rows);
    await rebuildAppointmentDayCounts(t.companyId);
    const r = await summary(viewer, { from: "2027-02-01", to: "2027-03-14", perDay: "1" });
    expect(r.res.status, JSON.stringify(r.body.error)).toBe(200);
    expect(r.body.data).toHaveLength(42);
    expect(r.body.data.every((d) => d.total === 2 && d.first.length === 1)).toBe(true);
    expect(r.body.data.map((d) => d.first[0]!.id)).toEqual(rows.filter((_, i) => i % 2 === 0).map((x) => x.id));
  });

  it("a status change (appointments.updated) is in the next summary: no stale count is served", async () => {
    const { t, member } = await newYorkTenant();
    const id = await seedAppointment(t.companyId, "2026-11-10T15:00:00Z", "scheduled");
    const q = { from: "2026-11-10", to: "2026-11-10" };
    expect((await summary(member, q)).body.data[0]!.byStatus.scheduled).toBe(1);
    const moved = await PATCH(
      await signedRequest(`/api/v1/appointments/${id}`, { method: "PATCH", caller: member, body: { status: "confirmed" } }),
      routeParams({ id }),
    );
    expect(moved.status).toBe(200);
    const after = await summary(member, q);
    expect(after.body.data[0]!.byStatus).toMatchObject({ scheduled: 0, confirmed: 1 });
    expect(after.body.data[0]!.first[0]).toMatchObject({ id, status: "confirmed" });
  });

  it("counts and lists only the caller's company", async () => {
    const a = await newYorkTenant();
    const b = await newYorkTenant();
    const mine = await seedAppointment(a.t.companyId, "2026-11-20T15:00:00Z");
    await seedAppointment(b.t.companyId, "2026-11-20T16:00:00Z");
    await seedAppointment(b.t.companyId, "2026-11-20T17:00:00Z");
    const q = { from: "2026-11-20", to: "2026-11-20" };
    const seen = await summary(a.viewer, q);
    expect(seen.body.data[0]).toMatchObject({ total: 1, first: [expect.objectContaining({ id: mine })] });
    expect(JSON.stringify(seen.body)).not.toContain(b.t.companyId);
    expect((await summary(b.viewer, q)).body.data[0]!.total).toBe(2);
  });

  it("refuses bad input with 400 in the envelope: instants, perDay out of range, unknown status or parameter, backwards or > 62 days", async () => {
    const { viewer } = await newYorkTenant();
    const ok = { from: "2026-01-01", to: "2026-01-31" };
    const cases: Array<[Record<string, string>, string]> = [
      [{ ...ok, from: "2026-01-01T00:00:00Z" }, "from"],
      [{ ...ok, to: "tomorrow" }, "to"],
      [{ ...ok, perDay: "11" }, "perDay"],
      [{ ...ok, perDay: "-1" }, "perDay"],
      [{ ...ok, perDay: "2.5" }, "perDay"],
      [{ ...ok, perDay: "lots" }, "perDay"],
      [{ ...ok, status: "lost" }, "status"],
      [{ ...ok, customerId: createId("customer") }, "customerId"],
      [{ from: "2026-01-01" }, "to"],
    ];
    for (const [q, field] of cases) {
      const r = await summary(viewer, q);
      expect(r.res.status, JSON.stringify(q)).toBe(400);
      expect(r.body.error, JSON.stringify(q)).toMatchObject({
        code: "validation_failed",
        details: expect.arrayContaining([expect.objectContaining({ field })]),
      });
    }
    const long = await summary(viewer, { from: "2026-01-01", to: "2026-03-04" });
    expect(long.res.status).toBe(400);
    expect(long.body.error).toMatchObject({ code: "validation_failed", details: [{ field: "to", code: "range_too_long" }] });
    const backwards = await summary(viewer, { from: "2026-02-01", to: "2026-01-01" });
    expect(backwards.res.status).toBe(400);
    const longest = await summary(viewer, { from: "2026-01-01", to: "2026-03-03" });
    expect(longest.res.status).toBe(200);
    expect(longest.body.data).toHaveLength(62);
  });

  it("needs appointments:read: a key without it is 403", async () => {
    const { t } = await newYorkTenant();
    const keyOf = (scopes: string[]) => apiKeyCaller({ keyId: `key_${t.companyId.slice(-8)}`, companyId: t.companyId, scopes });
    const q = { from: "2026-11-01", to: "2026-11-30" };
    const refused = await summary(keyOf(["customers:read"]), q);
    expect(refused.res.status).toBe(403);
    expect(refused.body.error?.code).toBe("forbidden");
    expect((await summary(keyOf(["appointments:read"]), q)).res.status).toBe(200);
  });
});
