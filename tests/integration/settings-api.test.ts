import { createHmac } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

/** Every line the app logged while these tests ran (pino JSON), to prove no credential reaches a log. */
const h = vi.hoisted(() => ({ lines: [] as string[] }));
vi.mock("@/lib/log/logger", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/log/logger")>();
  const pino = (await import("pino")).default;
  const root = pino({ level: "trace" }, { write: (line: string) => void h.lines.push(line) });
  return { ...real, logger: () => root, requestLogger: (requestId: string, b = {}) => root.child({ requestId, ...b }) };
});

const { GET: getCompany, PATCH: patchCompany } = await import("@/app/api/v1/settings/company/route");
const { GET: listIntegrations } = await import("@/app/api/v1/settings/integrations/route");
const { PUT: putIntegration } = await import("@/app/api/v1/settings/integrations/[vendor]/route");
const { POST: calcomWebhook } = await import("@/app/api/webhooks/calcom/route");
const { GET: getMe, PATCH: patchMe } = await import("@/app/api/v1/me/route");
const { POST: confirmEmail } = await import("@/app/api/v1/me/email/confirm/route");
const { POST: changePassword } = await import("@/app/api/v1/me/password/route");
const { GET: listKeys } = await import("@/app/api/v1/api-keys/route");
const { GET: overview } = await import("@/app/api/v1/dashboard/overview/route");
const { GET: calendar } = await import("@/app/api/v1/appointments/route");
const { GET: calendarSummary } = await import("@/app/api/v1/appointments/summary/route");
const { closeDb, getDb } = await import("@/lib/db/client");
const { auditLog } = await import("@/lib/db/schema/audit-log");
const { appointmentDayCounts } = await import("@/lib/db/schema/appointment-day-counts");
const { writeTransaction } = await import("@/lib/db/write-transaction");
const { applyBooking } = await import("@/lib/services/appointments/apply-booking");
const { companySettings } = await import("@/lib/db/schema/company-settings");
const { users } = await import("@/lib/db/schema/users");
const { jobKeys } = await import("@/lib/jobs/keys");
const { sealedLinkSchema } = await import("@/lib/jobs/handlers/sealed-link");
const { renderEmail } = await import("@/lib/jobs/handlers/email-templates");
const { getRedis } = await import("@/lib/redis/client");
const { emailChangeKey } = await import("@/lib/services/users/email-change-store");
const { throughGateway } = await import("../helpers/gateway-harness");
const { edgeRequest, sessionCookie, startCountingOrigin } = await import("../helpers/gateway-requests");
const { seedCompany, seedMembership, seedUser, TEST_PASSWORD } = await import("../helpers/seed-rows");
const { apiKeyCaller, personCaller, routeParams, signedRequest } = await import("../helpers/signed-request");

type TestCaller = import("../helpers/signed-request").TestCaller;
type Role = import("@/lib/auth/roles").Role;
type Body<T = Record<string, unknown>> = {
  data: T;
  error?: { code: string; message: string; details?: Array<{ field: string; message: string }> };
};

const WEEK_9_17 = {
  mon: [{ open: "09:00", close: "17:00" }],
  tue: [{ open: "09:00", close: "17:00" }],
  wed: [{ open: "09:00", close: "17:00" }],
  thu: [{ open: "09:00", close: "17:00" }],
  fri: [{ open: "09:00", close: "17:00" }],
  sat: [],
  sun: [],
};

/** A company with one person of each role (and the people's ids). */
async function company() {
  const companyId = await seedCompany({ tier: "PRO" });
  const people = {} as Record<Role, { caller: TestCaller; id: string; email: string }>;
  for (const role of ["owner", "admin", "member", "viewer"] as const) {
    const u = await seedUser();
    await seedMembership(companyId, u.id, role);
    people[role] = { id: u.id, email: u.email, caller: personCaller({ userId: u.id, companyId, role, tier: "PRO" }) };
  }
  return { companyId, ...people };
}

async function call<T = Record<string, unknown>>(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any route export, whatever its params
  route: (req: Request, seg?: { params?: Promise<any> }) => Promise<Response>,
  path: string,
  caller: TestCaller,
  opts: { method?: string; body?: unknown; params?: Record<string, string> } = {},
) {
  const res = await route(
    await signedRequest(path, { method: opts.method ?? "GET", caller, body: opts.body }),
    opts.params ? routeParams(opts.params) : undefined,
  );
  return { res, body: (await res.json()) as Body<T> };
}

type EmailJob = { template: string; to: string; data: { confirmUrl: string } & Record<string, string> };
/** The email jobs waiting in the outbox (no worker runs here), oldest first. */
async function outboxEmails(): Promise<EmailJob[]> {
  const entries = (await getRedis().xrange(jobKeys.outbox(), "-", "+")) as Record<string, { name: string; payload: unknown }>;
  return Object.values(entries)
    .filter((e) => e.name === "email-send")
    .map((e) => (typeof e.payload === "string" ? JSON.parse(e.payload) : e.payload) as EmailJob);
}

let origin: Awaited<ReturnType<typeof startCountingOrigin>>;
beforeAll(async () => {
  origin = await startCountingOrigin();
});
afterAll(async () => {
  await origin.close();
  await closeDb();
});

describe("company settings", () => {
  it("reads the default hours until saved; an admin saves name, zone and a week with split and closed days, audited", async () => {
    const t = await company();
    const first = await call(getCompany, "/api/v1/settings/company", t.viewer.caller);
    expect(first.res.status).toBe(200);
    expect(first.body.data).toMatchObject({ id: t.companyId, timezone: "UTC", businessHoursDefault: true, businessHours: WEEK_9_17 });

    const week = {
      ...WEEK_9_17,
      mon: [
        { open: "14:00", close: "18:30" },
        { open: "08:00", close: "12:00" },
      ],
      fri: [],
      sat: [{ open: "10:00", close: "24:00" }],
    };
    const saved = await call(patchCompany, "/api/v1/settings/company", t.admin.caller, {
      method: "PATCH",
      body: { name: "  Renamed Dental ", timezone: "Europe/Berlin", businessHours: week },
    });
    expect(saved.res.status).toBe(200);
    expect(saved.body.data).toMatchObject({
      name: "Renamed Dental",
      timezone: "Europe/Berlin",
      businessHoursDefault: false,
      // stored in opening order
      businessHours: { ...week, mon: [week.mon[1], week.mon[0]] },
    });
    // Every day closed is the company's choice, not "never set".
    const closed = await call(patchCompany, "/api/v1/settings/company", t.owner.caller, {
      method: "PATCH",
      body: { businessHours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } },
    });
    expect(closed.body.data).toMatchObject({ businessHoursDefault: false, businessHours: { mon: [], sun: [] } });

    const audits = await getDb().select().from(auditLog).where(eq(auditLog.companyId, t.companyId));
    const first_ = audits.find((a) => (a.metadata as { timezone?: unknown } | null)?.timezone);
    expect(first_).toMatchObject({ action: "settings.company_updated", actorUserId: t.admin.id });
    expect(first_!.metadata).toMatchObject({ timezone: { from: "UTC", to: "Europe/Berlin" }, name: { to: "Renamed Dental" } });
    expect(audits.filter((a) => a.action === "settings.company_updated")).toHaveLength(2);
  });

  it("refuses writes to members and viewers (403) and to keys without settings:manage, whatever the body", async () => {
    const t = await company();
    for (const who of [t.member, t.viewer]) {
      const r = await call(patchCompany, "/api/v1/settings/company", who.caller, { method: "PATCH", body: { name: "Nope" } });
      expect(r.res.status).toBe(403);
    }
    const key = apiKeyCaller({ keyId: "key_0000000000000000000000", companyId: t.companyId, scopes: ["settings:read"] });
    expect((await call(patchCompany, "/api/v1/settings/company", key, { method: "PATCH", body: { name: "Nope" } })).res.status).toBe(403);
    expect((await call(getCompany, "/api/v1/settings/company", t.owner.caller)).body.data).toMatchObject({
      name: expect.not.stringMatching(/Nope/),
    });
  });

  it("validates the time zone (IANA names this server knows) and the hours, with the field in details", async () => {
    const t = await company();
    const bad = async (body: unknown) => {
      const r = await call(patchCompany, "/api/v1/settings/company", t.admin.caller, { method: "PATCH", body });
      expect(r.res.status).toBe(400);
      return r.body.error!.details!.map((d) => d.field);
    };
    expect(await bad({ timezone: "Mars/Olympus" })).toEqual(["timezone"]);
    expect(await bad({ timezone: "EST5EDT-ish" })).toEqual(["timezone"]);
    expect(await bad({ timezone: "" })).toContain("timezone");
    expect(await bad({})).toEqual(["(body)"]);
    expect(await bad({ nickname: "x" })).toContain("nickname");
    // a range closing before it opens, a malformed time, 24:00 as an opening, a missing day, an unknown day
    expect(await bad({ businessHours: { ...WEEK_9_17, mon: [{ open: "17:00", close: "09:00" }] } })).toEqual(["businessHours.mon.0.close"]);
    expect(await bad({ businessHours: { ...WEEK_9_17, tue: [{ open: "9:00", close: "17:00" }] } })).toEqual(["businessHours.tue.0.open"]);
    expect(await bad({ businessHours: { ...WEEK_9_17, wed: [{ open: "24:00", close: "24:00" }] } })).toContain("businessHours.wed.0.close");
    const { sun: _sun, ...sixDays } = WEEK_9_17;
    expect(await bad({ businessHours: sixDays })).toEqual(["businessHours.sun"]);
    expect(await bad({ businessHours: { ...WEEK_9_17, holiday: [] } })).toEqual(["businessHours.holiday"]);
    expect(
      await bad({ businessHours: { ...WEEK_9_17, thu: Array.from({ length: 7 }, () => ({ open: "01:00", close: "02:00" })) } }),
    ).toContain("businessHours.thu");
    // nothing changed
    const after = await call(getCompany, "/api/v1/settings/company", t.admin.caller);
    expect(after.body.data).toMatchObject({ timezone: "UTC", businessHoursDefault: true });
  });

  it("refuses overlapping ranges of one day (400 naming the later range), touching ones are fine", async () => {
    const t = await company();
    const r = await call(patchCompany, "/api/v1/settings/company", t.admin.caller, {
      method: "PATCH",
      body: {
        businessHours: {
          ...WEEK_9_17,
          thu: [
            { open: "13:00", close: "17:00" },
            { open: "09:00", close: "13:30" },
          ],
        },
      },
    });
    expect(r.res.status).toBe(400);
    expect(r.body.error!.details).toEqual([
      expect.objectContaining({ field: "businessHours.thu.0.open", message: "Overlaps 09:00–13:30." }),
    ]);
    const touching = await call(patchCompany, "/api/v1/settings/company", t.admin.caller, {
      method: "PATCH",
      body: {
        businessHours: {
          ...WEEK_9_17,
          thu: [
            { open: "09:00", close: "13:00" },
            { open: "13:00", close: "17:00" },
          ],
        },
      },
    });
    expect(touching.res.status).toBe(200);
  });

  it("a time zone change re-buckets cached answers: the dashboard's period, the calendar's zone and hours", async () => {
    const t = await company();
    const read = async () => {
      const o = await call<{ period: { timezone: string; from: string } }>(overview, "/api/v1/dashboard/overview", t.viewer.caller);
      const c = await call(calendar, "/api/v1/appointments?from=2026-01-05&to=2026-01-11", t.viewer.caller);
      return { o, c: c as unknown as { res: Response; body: { meta: { timezone: string; businessHours: Record<string, unknown[]> } } } };
    };
    await read();
    const cachedAnswer = await read();
    expect(cachedAnswer.o.res.headers.get("x-cache")).toBe("HIT");
    expect(cachedAnswer.c.res.headers.get("x-cache")).toBe("HIT");
    expect(cachedAnswer.o.body.data.period.timezone).toBe("UTC");

    await call(patchCompany, "/api/v1/settings/company", t.admin.caller, {
      method: "PATCH",
      body: { timezone: "Pacific/Kiritimati", businessHours: { ...WEEK_9_17, sat: [{ open: "10:00", close: "14:00" }] } },
    });
    const after = await read();
    expect(after.o.res.headers.get("x-cache")).toBe("MISS");
    expect(after.o.body.data.period.timezone).toBe("Pacific/Kiritimati");
    // UTC+14: the company's day starts 14 h before UTC's
    expect(new Date(after.o.body.data.period.from).getUTCHours()).toBe(10);
    expect(after.c.res.headers.get("x-cache")).toBe("MISS");
    expect(after.c.body.meta).toMatchObject({
      timezone: "Pacific/Kiritimati",
      businessHours: { sat: [{ open: "10:00", close: "14:00" }] },
    });
  });

  it("a time zone change rebuilds the appointment day counts in its transaction: each booking moves to its new local day", async () => {
    const t = await company();
    const booking = (uid: string, start: string) => {
      const startAt = new Date(start);
      return {
        uid,
        status: "confirmed" as const,
        title: "Check-up",
        startAt,
        endAt: new Date(startAt.getTime() + 30 * 60_000),
        timezone: "UTC",
        location: null,
        attendee: { name: "Pat Doe", email: `pat.${uid}@example.com` },
        metadata: {},
        cancelReason: null,
        at: new Date(),
      };
    };
    const base = `uid_st_${t.companyId.slice(-10)}`;
    // 2027-03-10 20:30 UTC is 2027-03-11 10:30 in Kiritimati (UTC+14); 03:00 UTC stays on 03-10 in both.
    await writeTransaction((tx) => applyBooking(tx, t.companyId, booking(`${base}_a`, "2027-03-10T20:30:00Z")));
    await writeTransaction((tx) => applyBooking(tx, t.companyId, booking(`${base}_b`, "2027-03-10T03:00:00Z")));
    const counts = async () =>
      Object.fromEntries(
        (await getDb().select().from(appointmentDayCounts).where(eq(appointmentDayCounts.companyId, t.companyId)))
          .filter((r) => r.n !== 0)
          .map((r) => [`${r.day}|${r.status}`, r.n]),
      );
    expect(await counts()).toEqual({ "2027-03-10|confirmed": 2 });

    const res = await call(patchCompany, "/api/v1/settings/company", t.admin.caller, {
      method: "PATCH",
      body: { timezone: "Pacific/Kiritimati" },
    });
    expect(res.res.status).toBe(200);
    expect(await counts()).toEqual({ "2027-03-10|confirmed": 1, "2027-03-11|confirmed": 1 });
    const month = await call<Array<{ date: string; total: number }>>(
      calendarSummary,
      "/api/v1/appointments/summary?from=2027-03-10&to=2027-03-11",
      t.viewer.caller,
    );
    expect(month.body.data.map((d) => [d.date, d.total])).toEqual([
      ["2027-03-10", 1],
      ["2027-03-11", 1],
    ]);

    // A name change alone leaves the counts as they are.
    await call(patchCompany, "/api/v1/settings/company", t.admin.caller, { method: "PATCH", body: { name: "Still Dental" } });
    expect(await counts()).toEqual({ "2027-03-10|confirmed": 1, "2027-03-11|confirmed": 1 });
  });

  it("keeps tenants apart: each company reads and writes only its own settings", async () => {
    const a = await company();
    const b = await company();
    await call(patchCompany, "/api/v1/settings/company", a.admin.caller, {
      method: "PATCH",
      body: { name: "Only A", timezone: "Asia/Tokyo" },
    });
    const seenByB = await call(getCompany, "/api/v1/settings/company", b.owner.caller);
    expect(seenByB.body.data).toMatchObject({ id: b.companyId, timezone: "UTC" });
    expect(seenByB.body.data.name).not.toBe("Only A");
    expect((await call(getCompany, "/api/v1/settings/company", a.viewer.caller)).body.data).toMatchObject({
      id: a.companyId,
      name: "Only A",
    });
  });
});

describe("integration credentials", () => {
  it("stores a key encrypted, never reads it back nor logs it, shows set on/by/last four, and tests with it", async () => {
    const t = await company();
    const secretKey = "rtl_live_SECRET_do_not_leak_4f2a";
    h.lines.length = 0;
    const put = await call(putIntegration, "/api/v1/settings/integrations/retell", t.admin.caller, {
      method: "PUT",
      body: { apiKey: secretKey },
      params: { vendor: "retell" },
    });
    expect(put.res.status).toBe(200);
    expect(put.body.data).toMatchObject({
      vendor: "retell",
      companyCredential: { last4: "4f2a", setBy: { name: expect.any(String) } },
      webhook: null,
    });

    const list = await call<Array<Record<string, unknown>>>(listIntegrations, "/api/v1/settings/integrations", t.viewer.caller);
    const retell = list.body.data.find((s) => s.vendor === "retell");
    expect(retell).toMatchObject({ credentialSource: "company", companyCredential: { last4: "4f2a", setAt: expect.any(String) } });

    const [row] = await getDb().select().from(companySettings).where(eq(companySettings.companyId, t.companyId));
    expect(row!.retellApiKeyEnc).toMatch(/^v1:/);
    const everything = [JSON.stringify(put.body), JSON.stringify(list.body), JSON.stringify(row), ...h.lines].join("\n");
    expect(everything).not.toContain(secretKey);
    expect(everything).not.toContain("SECRET_do_not_leak");
    expect(h.lines.length).toBeGreaterThan(0);

    // A 400 does not echo the key either.
    const bad = await call(putIntegration, "/api/v1/settings/integrations/retell", t.admin.caller, {
      method: "PUT",
      body: { apiKey: "has a space SECRET_do_not_leak" },
      params: { vendor: "retell" },
    });
    expect(bad.res.status).toBe(400);
    expect(JSON.stringify(bad.body) + h.lines.join("\n")).not.toContain("SECRET_do_not_leak");

    // Removing it falls back to the platform's.
    const removed = await call(putIntegration, "/api/v1/settings/integrations/retell", t.admin.caller, {
      method: "PUT",
      body: { apiKey: null },
      params: { vendor: "retell" },
    });
    expect(removed.body.data).toMatchObject({ companyCredential: null });
    const audits = await getDb().select().from(auditLog).where(eq(auditLog.companyId, t.companyId));
    expect(audits.filter((a) => a.action === "settings.integration_updated").map((a) => a.metadata)).toEqual([
      { vendor: "retell", apiKey: "set" },
      { vendor: "retell", apiKey: "removed" },
    ]);
  });

  it("Cal.com: the webhook secret is answered once, verifies that company's deliveries, and rotation retires the old one", async () => {
    const t = await company();
    const put = await call<{ webhook: { url: string; secret?: string; secretSet: boolean } }>(
      putIntegration,
      "/api/v1/settings/integrations/calcom",
      t.owner.caller,
      { method: "PUT", body: { apiKey: "cal_live_0123456789abcdef" }, params: { vendor: "calcom" } },
    );
    expect(put.res.status).toBe(200);
    const { url, secret } = put.body.data.webhook;
    expect(url).toMatch(new RegExp(`/api/webhooks/calcom\\?company=${t.companyId}$`));
    expect(secret).toMatch(/^whsec_[0-9a-f]{64}$/);

    // Never again: not in the list, not on the next PUT of the key.
    const list = await call<Array<Record<string, unknown>>>(listIntegrations, "/api/v1/settings/integrations", t.owner.caller);
    expect(JSON.stringify(list.body)).not.toContain(secret!);
    expect(list.body.data.find((s) => s.vendor === "calcom")).toMatchObject({ webhook: { url, secretSet: true } });
    const again = await call(putIntegration, "/api/v1/settings/integrations/calcom", t.owner.caller, {
      method: "PUT",
      body: { apiKey: "cal_live_fedcba9876543210" },
      params: { vendor: "calcom" },
    });
    expect(JSON.stringify(again.body)).not.toContain("whsec_");

    const deliver = async (withSecret: string) => {
      const raw = JSON.stringify({ triggerEvent: "PING", createdAt: new Date().toISOString(), payload: {} });
      const sig = createHmac("sha256", withSecret).update(raw).digest("hex");
      const res = await calcomWebhook(
        new Request(url.replace(/^https?:\/\/[^/]+/, "http://localhost:3000"), {
          method: "POST",
          headers: { "content-type": "application/json", "x-cal-signature-256": sig },
          body: raw,
        }),
      );
      return res.status;
    };
    expect(await deliver(secret!)).toBe(200);
    expect(await deliver("whsec_someone_else")).toBe(401);

    const rotated = await call<{ webhook: { secret?: string }; companyCredential: unknown }>(
      putIntegration,
      "/api/v1/settings/integrations/calcom",
      t.admin.caller,
      {
        method: "PUT",
        body: { rotateWebhookSecret: true },
        params: { vendor: "calcom" },
      },
    );
    // A rotation alone keeps the key, and still says how it ends.
    expect(rotated.body.data).toMatchObject({ companyCredential: { last4: "3210" } });
    const next = rotated.body.data.webhook.secret!;
    expect(next).toMatch(/^whsec_/);
    expect(next).not.toBe(secret);
    expect(await deliver(next)).toBe(200);
    expect(await deliver(secret!)).toBe(401);
  });

  it("refuses members, viewers, Stripe (422), unknown vendors (404), a webhook secret for another vendor; other tenants see none of it", async () => {
    const t = await company();
    const other = await company();
    for (const who of [t.member, t.viewer]) {
      const r = await call(putIntegration, "/api/v1/settings/integrations/sendgrid", who.caller, {
        method: "PUT",
        body: { apiKey: "SG.abcdefghijklmnop" },
        params: { vendor: "sendgrid" },
      });
      expect(r.res.status).toBe(403);
    }
    const put = (vendor: string, body: unknown) =>
      call(putIntegration, `/api/v1/settings/integrations/${vendor}`, t.admin.caller, { method: "PUT", body, params: { vendor } });
    expect((await put("stripe", { apiKey: "sk_live_abcdefghijkl" })).res.status).toBe(422);
    expect((await put("twilio", { apiKey: "abcdefghijkl" })).res.status).toBe(404);
    const wrong = await put("sendgrid", { rotateWebhookSecret: true });
    expect(wrong.res.status).toBe(400);
    expect(wrong.body.error!.details![0]!.field).toBe("rotateWebhookSecret");

    expect((await put("sendgrid", { apiKey: "SG.tenant_a_only_key" })).res.status).toBe(200);
    const seen = await call<Array<Record<string, unknown>>>(listIntegrations, "/api/v1/settings/integrations", other.owner.caller);
    expect(seen.body.data.find((s) => s.vendor === "sendgrid")).toMatchObject({ companyCredential: null });
    expect(JSON.stringify(seen.body)).not.toContain(t.companyId);
  });
});

describe("profile", () => {
  it("changes the name at once; API keys have no profile", async () => {
    const t = await company();
    const me = await call(getMe, "/api/v1/me", t.viewer.caller);
    expect(me.body.data).toMatchObject({ id: t.viewer.id, email: t.viewer.email, role: "viewer", pendingEmail: null });
    const renamed = await call(patchMe, "/api/v1/me", t.viewer.caller, { method: "PATCH", body: { name: "Vera Viewer" } });
    expect(renamed.body.data).toMatchObject({ name: "Vera Viewer" });
    const key = apiKeyCaller({ keyId: "key_0000000000000000000000", companyId: t.companyId, scopes: ["settings:read"] });
    expect((await call(getMe, "/api/v1/me", key)).res.status).toBe(403);
    expect((await call(patchMe, "/api/v1/me", t.viewer.caller, { method: "PATCH", body: { email: "not-an-email" } })).res.status).toBe(400);
  });

  it("an email change takes effect only when its link is opened, once, by its person, before it expires", async () => {
    const t = await company();
    const newEmail = `new-${t.member.id.toLowerCase()}@example.test`;
    const asked = await call<{ email: string; pendingEmail: { email: string } | null }>(patchMe, "/api/v1/me", t.member.caller, {
      method: "PATCH",
      body: { email: newEmail.toUpperCase(), currentPassword: TEST_PASSWORD },
    });
    expect(asked.res.status).toBe(200);
    expect(asked.body.data).toMatchObject({ email: t.member.email, pendingEmail: { email: newEmail } });

    // The link went to the new address through the email job, sealed; it renders into the email.
    const job = (await outboxEmails()).find((p) => p.to === newEmail);
    expect(job).toBeDefined();
    const payload = job!;
    expect(payload.template).toBe("email-change");
    expect(payload.data.confirmUrl).not.toContain("confirmEmail=");
    const link = sealedLinkSchema.parse(payload.data.confirmUrl);
    expect(renderEmail("email-change", payload.data).text).toContain(link);
    const token = new URL(link).searchParams.get("confirmEmail")!;
    expect(new URL(link).pathname).toBe("/settings/profile");

    // Not yet changed; someone else cannot use the token.
    const [before] = await getDb().select({ email: users.email }).from(users).where(eq(users.id, t.member.id));
    expect(before!.email).toBe(t.member.email);
    expect((await call(confirmEmail, "/api/v1/me/email/confirm", t.admin.caller, { method: "POST", body: { token } })).res.status).toBe(
      422,
    );

    const ok = await call(confirmEmail, "/api/v1/me/email/confirm", t.member.caller, { method: "POST", body: { token } });
    expect(ok.res.status).toBe(200);
    expect(ok.body.data).toEqual({ email: newEmail });
    const [after] = await getDb().select({ email: users.email }).from(users).where(eq(users.id, t.member.id));
    expect(after!.email).toBe(newEmail);
    // Reused: refused, nothing changes.
    const reused = await call(confirmEmail, "/api/v1/me/email/confirm", t.member.caller, { method: "POST", body: { token } });
    expect(reused.res.status).toBe(422);
    const audits = await getDb().select().from(auditLog).where(eq(auditLog.targetId, t.member.id));
    expect(audits.filter((a) => a.action === "user.email_changed")).toHaveLength(1);
  });

  it("refuses an expired link, a replaced one, and an address another account has", async () => {
    const t = await company();
    const tokenOf = async () => {
      const mine = (await outboxEmails()).filter((p) => p.template === "email-change" && p.to.includes(t.owner.id.toLowerCase()));
      const last = mine.at(-1)!;
      return new URL(sealedLinkSchema.parse(last.data.confirmUrl)).searchParams.get("confirmEmail")!;
    };
    const ask = (email: string) =>
      call(patchMe, "/api/v1/me", t.owner.caller, { method: "PATCH", body: { email, currentPassword: TEST_PASSWORD } });

    await ask(`a-${t.owner.id.toLowerCase()}@example.test`);
    const first = await tokenOf();
    await ask(`b-${t.owner.id.toLowerCase()}@example.test`);
    const second = await tokenOf();
    expect(second).not.toBe(first);
    // replaced
    expect(
      (await call(confirmEmail, "/api/v1/me/email/confirm", t.owner.caller, { method: "POST", body: { token: first } })).res.status,
    ).toBe(422);
    // expired: the pending change says so (its Redis TTL would also have dropped it)
    const pending = (await getRedis().get<Record<string, string>>(emailChangeKey(t.owner.id)))!;
    await getRedis().set(emailChangeKey(t.owner.id), { ...pending, expiresAt: new Date(Date.now() - 1000).toISOString() });
    expect(
      (await call(confirmEmail, "/api/v1/me/email/confirm", t.owner.caller, { method: "POST", body: { token: second } })).res.status,
    ).toBe(422);
    const [row] = await getDb().select({ email: users.email }).from(users).where(eq(users.id, t.owner.id));
    expect(row!.email).toBe(t.owner.email);

    const taken = await ask(t.viewer.email);
    expect(taken.res.status).toBe(409);
    expect(taken.body.error!.details![0]!.field).toBe("email");
  });
});

describe("password change", () => {
  it("needs the current password and a strong new one; ends every other session and token, keeps this browser signed in", async () => {
    const companyId = await seedCompany({ tier: "PRO" });
    const user = await seedUser();
    await seedMembership(companyId, user.id, "admin");
    const here = await sessionCookie({ userId: user.id, companyId, role: "admin" });
    const elsewhere = await sessionCookie({ userId: user.id, companyId, role: "admin", authAt: Math.floor(Date.now() / 1000) - 60 });
    const api = async (cookie: string) =>
      (await throughGateway(edgeRequest("/api/v1/api-keys", { headers: { cookie } }), listKeys, { internalOrigin: origin.origin })).status;
    const change = (body: unknown, cookie = here) =>
      throughGateway(
        edgeRequest("/api/v1/me/password", { method: "POST", body, headers: { cookie, "sec-fetch-site": "same-origin" } }),
        changePassword,
        { internalOrigin: origin.origin },
      );
    expect(await api(here)).toBe(200);
    expect(await api(elsewhere)).toBe(200);

    const wrong = await change({ currentPassword: "not it at all", newPassword: "a fresh Passphrase 42" });
    expect(wrong.status).toBe(403);
    expect(((await wrong.json()) as Body).error!.details![0]!.field).toBe("currentPassword");
    const weak = await change({ currentPassword: TEST_PASSWORD, newPassword: "switchboard-demo-2" });
    expect(weak.status).toBe(400);
    expect(((await weak.json()) as Body).error!.details![0]!.field).toBe("newPassword");
    expect(await api(elsewhere)).toBe(200);

    const res = await change({ currentPassword: TEST_PASSWORD, newPassword: "a fresh Passphrase 42" });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Body).data).toEqual({ changed: true, currentSessionKept: true });
    const setCookie = res.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/^next-auth\.session-token=[^;]+; Path=\/; HttpOnly; SameSite=Lax/);
    const renewed = setCookie.split(";")[0]!;

    expect(await api(elsewhere)).toBe(401);
    expect(await api(here)).toBe(401);
    expect(await api(renewed)).toBe(200);
    // the old password no longer signs in; the new one does (bcrypt in MySQL)
    const [row] = await getDb().select({ hash: users.passwordHash }).from(users).where(eq(users.id, user.id));
    const bcrypt = (await import("bcryptjs")).default;
    expect(await bcrypt.compare("a fresh Passphrase 42", row!.hash!)).toBe(true);
    expect(await bcrypt.compare(TEST_PASSWORD, row!.hash!)).toBe(false);
  });

  it("a bearer-token caller changes it too, and is told its session did not survive", async () => {
    const companyId = await seedCompany({ tier: "PRO" });
    const user = await seedUser();
    await seedMembership(companyId, user.id, "member");
    const caller = personCaller({ userId: user.id, companyId, role: "member", auth: "token" });
    const r = await call(changePassword, "/api/v1/me/password", caller, {
      method: "POST",
      body: { currentPassword: TEST_PASSWORD, newPassword: "another Good one 77" },
    });
    expect(r.res.status).toBe(200);
    expect(r.body.data).toEqual({ changed: true, currentSessionKept: false });
    expect(r.res.headers.get("set-cookie")).toBeNull();
  });
});

describe("profile and password changes prove the person (review findings)", () => {
  it("an email change needs the current password, tells the old address, and ends every other session on confirmation", async () => {
    const companyId = await seedCompany({ tier: "PRO" });
    const user = await seedUser();
    await seedMembership(companyId, user.id, "admin");
    const here = await sessionCookie({ userId: user.id, companyId, role: "admin" });
    const elsewhere = await sessionCookie({ userId: user.id, companyId, role: "admin", authAt: Math.floor(Date.now() / 1000) - 60 });
    const api = async (cookie: string) =>
      (await throughGateway(edgeRequest("/api/v1/api-keys", { headers: { cookie } }), listKeys, { internalOrigin: origin.origin })).status;
    const newMail = `moved-${user.id.toLowerCase()}@example.test`;
    const ask = (body: Record<string, unknown>) =>
      throughGateway(
        edgeRequest("/api/v1/me", { method: "PATCH", body, headers: { cookie: here, "sec-fetch-site": "same-origin" } }),
        patchMe,
        { internalOrigin: origin.origin },
      );
    const before = (await outboxEmails()).length;

    const missing = await ask({ email: newMail });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as Body).error!.details).toEqual([{ field: "currentPassword", message: expect.any(String) }]);
    const wrong = await ask({ email: newMail, currentPassword: "not my password" });
    expect(wrong.status).toBe(403);
    expect(((await wrong.json()) as Body).error!.details![0]!.field).toBe("currentPassword");
    expect((await outboxEmails()).length).toBe(before);
    expect(await getRedis().get(emailChangeKey(user.id))).toBeNull();

    expect((await ask({ email: newMail, currentPassword: TEST_PASSWORD })).status).toBe(200);
    const sent = (await outboxEmails()).slice(before);
    expect(sent.map((e) => [e.template, e.to]).sort()).toEqual(
      [
        ["email-change", newMail],
        ["email-change-notice", user.email],
      ].sort(),
    );
    const notice = sent.find((e) => e.template === "email-change-notice")!;
    const rendered = renderEmail("email-change-notice", notice.data);
    expect(rendered.text).toContain(newMail);
    expect(rendered.text).toMatch(/If it was not you, change your password/);

    const token = new URL(sealedLinkSchema.parse(sent.find((e) => e.template === "email-change")!.data.confirmUrl)).searchParams.get(
      "confirmEmail",
    )!;
    const confirmed = await throughGateway(
      edgeRequest("/api/v1/me/email/confirm", {
        method: "POST",
        body: { token },
        headers: { cookie: here, "sec-fetch-site": "same-origin" },
      }),
      confirmEmail,
      { internalOrigin: origin.origin },
    );
    expect(confirmed.status).toBe(200);
    const renewed = confirmed.headers.get("set-cookie")!.split(";")[0]!;
    expect(renewed).toMatch(/^next-auth\.session-token=/);
    expect(await api(elsewhere)).toBe(401);
    expect(await api(here)).toBe(401);
    expect(await api(renewed)).toBe(200);
  });

  it("wrong current passwords on an email change count toward the sign-in limit: 429 with Retry-After", async () => {
    const companyId = await seedCompany({ tier: "PRO" });
    const user = await seedUser();
    await seedMembership(companyId, user.id, "member");
    const caller = personCaller({ userId: user.id, companyId, role: "member", tier: "PRO" });
    const ask = (currentPassword: string) =>
      call(patchMe, "/api/v1/me", caller, { method: "PATCH", body: { email: `x-${user.id.toLowerCase()}@example.test`, currentPassword } });
    for (let i = 0; i < 10; i++) expect((await ask(`wrong ${i}`)).res.status).toBe(403);
    const limited = await ask(TEST_PASSWORD);
    expect(limited.res.status).toBe(429);
    expect(Number(limited.res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(limited.body.error!.details).toMatchObject({ layer: "login" });
  });

  it("POST /me/password: the current password is checked under the sign-in limiter, and the new one is hashed only after it passed", async () => {
    const companyId = await seedCompany({ tier: "PRO" });
    const user = await seedUser();
    await seedMembership(companyId, user.id, "member");
    let cookie = await sessionCookie({ userId: user.id, companyId, role: "member" });
    const change = (currentPassword: string, newPassword = "a fresh Passphrase 42") =>
      throughGateway(
        edgeRequest("/api/v1/me/password", {
          method: "POST",
          body: { currentPassword, newPassword },
          headers: { cookie, "sec-fetch-site": "same-origin" },
        }),
        changePassword,
        { internalOrigin: origin.origin },
      );
    const bcrypt = (await import("bcryptjs")).default;
    const hash = vi.spyOn(bcrypt, "hash");
    try {
      // The spy sees the service's hashing: a right password hashes the new one once (and gives its attempt back).
      const changed = await change(TEST_PASSWORD, "an interim Passphrase 7");
      expect(changed.status).toBe(200);
      expect(hash).toHaveBeenCalledTimes(1);
      cookie = changed.headers.get("set-cookie")!.split(";")[0]!;
      hash.mockClear();
      for (let i = 0; i < 10; i++) expect((await change(`wrong guess ${i}`)).status).toBe(403);
      expect(hash).not.toHaveBeenCalled();
      const limited = await change("an interim Passphrase 7");
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(hash).not.toHaveBeenCalled();
    } finally {
      hash.mockRestore();
    }
    const [row] = await getDb().select({ hash: users.passwordHash }).from(users).where(eq(users.id, user.id));
    expect(await bcrypt.compare("an interim Passphrase 7", row!.hash!)).toBe(true);
  });

  it("PATCH /me with a new name and a taken email answers 409 and saves nothing", async () => {
    const companyId = await seedCompany({ tier: "PRO" });
    const a = await seedUser();
    const b = await seedUser();
    await seedMembership(companyId, a.id, "member");
    const caller = personCaller({ userId: a.id, companyId, role: "member", tier: "PRO" });
    const r = await call(patchMe, "/api/v1/me", caller, {
      method: "PATCH",
      body: { name: "Renamed Anyway", email: b.email, currentPassword: TEST_PASSWORD },
    });
    expect(r.res.status).toBe(409);
    expect(r.body.error!.details![0]!.field).toBe("email");
    const [row] = await getDb().select({ name: users.name }).from(users).where(eq(users.id, a.id));
    expect(row!.name).toBe(`User ${a.id.slice(-6)}`);
  });
});
