import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listAuditLog } from "@/app/api/v1/admin/audit-log/route";
import { POST as preview } from "@/app/api/v1/admin/companies/[id]/preview/route";
import { GET as getCompany, PATCH as patchCompany } from "@/app/api/v1/admin/companies/[id]/route";
import { GET as listCompanies } from "@/app/api/v1/admin/companies/route";
import { GET as listKeys } from "@/app/api/v1/api-keys/route";
import { closeDb } from "@/lib/db/client";
import { metricsKeys } from "@/lib/metrics/keys";
import { getRedis } from "@/lib/redis/client";
import { createApiKey } from "@/lib/services/api-keys/create-api-key";
import { previewCompanyLimits } from "@/lib/services/admin/preview-company-limits";
import type { Actor } from "@/lib/services/audit/actor-from-caller";
import { throughGateway } from "../helpers/gateway-harness";
import { edgeRequest, startCountingOrigin } from "../helpers/gateway-requests";
import { seedCompany, seedTenant, seedUser } from "../helpers/seed-rows";
import { apiKeyCaller, personCaller, routeParams, signedRequest, type TestCaller } from "../helpers/signed-request";
import { awayFromWindowEdge } from "../helpers/window-edge";

let internal: Awaited<ReturnType<typeof startCountingOrigin>>;
beforeAll(async () => {
  internal = await startCountingOrigin();
});
afterAll(async () => {
  await internal.close();
  await closeDb();
});

type Body = {
  data: Record<string, unknown> & Array<Record<string, unknown>>;
  meta?: { nextCursor: string | null };
  error?: { code: string; details?: Array<{ field: string }> };
};
const json = async (res: Response) => (await res.json()) as Body;

async function platformAdmin() {
  const user = await seedUser({ isPlatformAdmin: true });
  return { user, caller: personCaller({ userId: user.id, companyId: null, role: null, pa: true }) };
}

const get = (path: string, caller: TestCaller | null) =>
  path.startsWith("/api/v1/admin/audit-log")
    ? signedRequest(path, { caller }).then(listAuditLog)
    : signedRequest(path, { caller }).then(listCompanies);
const getOne = async (id: string, caller: TestCaller | null) =>
  getCompany(await signedRequest(`/api/v1/admin/companies/${id}`, { caller }), routeParams({ id }));
const patch = async (id: string, caller: TestCaller | null, body: unknown) =>
  patchCompany(await signedRequest(`/api/v1/admin/companies/${id}`, { method: "PATCH", caller, body }), routeParams({ id }));
const previewOf = async (id: string, caller: TestCaller | null, body: unknown) =>
  preview(await signedRequest(`/api/v1/admin/companies/${id}/preview`, { method: "POST", caller, body }), routeParams({ id }));

const ownerActor = (userId: string): Actor => ({
  userId,
  apiKeyId: null,
  role: "owner",
  scopes: null,
  isPlatformAdmin: false,
  ip: null,
  requestId: null,
});

describe("the platform console API refuses everyone but platform admins", () => {
  it("answers 403 to a company owner and to an API key with every scope, 401 without a gateway context", async () => {
    const t = await seedTenant({ tier: "FREE", role: "owner" });
    const owner = personCaller({ userId: t.user.id, companyId: t.companyId, role: "owner" });
    const key = apiKeyCaller({ keyId: "key_x", companyId: t.companyId, scopes: ["keys:manage", "settings:manage", "billing:manage"] });
    for (const caller of [owner, key, null]) {
      const expected = caller ? 403 : 401;
      expect((await get("/api/v1/admin/companies", caller)).status).toBe(expected);
      expect((await getOne(t.companyId, caller)).status).toBe(expected);
      expect((await previewOf(t.companyId, caller, { tier: "PRO" })).status).toBe(expected);
      expect((await get(`/api/v1/admin/audit-log?companyId=${t.companyId}`, caller)).status).toBe(expected);
      expect((await patch(t.companyId, caller, { status: "suspended", suspendedReason: "x" })).status).toBe(expected);
    }
    expect((await json(await get(`/api/v1/admin/audit-log?companyId=${t.companyId}`, (await platformAdmin()).caller))).data).toEqual([]);
  });
});

describe("PATCH validation against the policy table", () => {
  it("names an unknown layer or key in the 400, and refuses a suspension without a reason", async () => {
    const { caller } = await platformAdmin();
    const id = await seedCompany();
    const unknownKey = await json(await patch(id, caller, { limitOverrides: { endpoint: { nonsense: 10 } } }));
    expect(unknownKey.error?.code).toBe("validation_failed");
    expect(JSON.stringify(unknownKey.error?.details)).toContain("nonsense");
    const unknownLayer = await json(await patch(id, caller, { limitOverrides: { galaxy: { perHour: 10 } } }));
    expect(unknownLayer.error?.details?.map((d) => d.field)).toContain("limitOverrides.galaxy");
    const res = await patch(id, caller, { status: "suspended" });
    expect(res.status).toBe(400);
    expect((await json(res)).error?.details?.[0]?.field).toBe("suspendedReason");
    expect((await json(await getOne(id, caller))).data).toMatchObject({ status: "active" });
    // The preview takes the same override shape and refuses the same way.
    expect((await previewOf(id, caller, { overrides: { endpoint: { nonsense: 1 } } })).status).toBe(400);
    expect((await previewOf(id, caller, { tier: "GOLD" })).status).toBe(400);
    expect((await previewOf("co_00000000000000000000000000", caller, { tier: "PRO" })).status).toBe(404);
  });
});

describe("last hour's traffic and the what-if, from the edge's own minute counts", () => {
  it("lists the requests and 429s the gateway decided, and the preview's refusals equal replaying them", async () => {
    await awayFromWindowEdge(3600, 20_000);
    const { caller } = await platformAdmin();
    const t = await seedTenant({ tier: "FREE", role: "owner", limitOverrides: { endpoint: { settings: 4 } } });
    const { key } = await createApiKey({ companyId: t.companyId, actor: ownerActor(t.user.id), name: "ci", scopes: ["keys:manage"] });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await throughGateway(edgeRequest("/api/v1/api-keys", { headers: { authorization: `Bearer ${key}` } }), listKeys, {
        internalOrigin: internal.origin,
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429, 429]);

    const listed = await json(await get(`/api/v1/admin/companies?q=${t.companyId}`, caller));
    expect(listed.data).toHaveLength(1);
    expect(listed.data[0]).toMatchObject({ id: t.companyId, memberCount: 1, activeApiKeyCount: 1, lastHour: { requests: 7, limited: 3 } });

    // Raising the endpoint limit to 6 would have refused 1 of the 7; lowering it to 2, 5; the company layer (2000) none.
    const up = await json(await previewOf(t.companyId, caller, { overrides: { endpoint: { settings: 6 } } }));
    expect(up.data.recorded).toEqual({ requests: 7, limited: { endpoint: 3 } });
    expect(up.data.refusals).toEqual([
      { layer: "company", before: 0, after: 0 },
      { layer: "user", before: 0, after: 0 },
      { layer: "endpoint", before: 3, after: 1 },
      { layer: "resource", before: 0, after: 0 },
    ]);
    const limits = up.data.limits as unknown as Array<Record<string, unknown>>;
    expect(limits).toContainEqual({ layer: "endpoint", key: "settings", before: 4, after: 6 });
    expect(limits).toContainEqual({ layer: "endpoint", key: "calls", before: 300, after: 300 });
    expect(limits).toContainEqual({ layer: "resource", key: "apiKeysCap", before: 5, after: 5, current: 1 });
    const down = await json(await previewOf(t.companyId, caller, { overrides: { endpoint: { settings: 2 }, company: { perHour: 6 } } }));
    expect(down.data.refusals).toContainEqual({ layer: "endpoint", before: 3, after: 5 });
    expect(down.data.refusals).toContainEqual({ layer: "company", before: 0, after: 1 });
    // A tier alone: overrides stay as they are; PRO triples what is not overridden.
    const pro = await json(await previewOf(t.companyId, caller, { tier: "PRO" }));
    expect(pro.data.tier).toEqual({ before: "FREE", after: "PRO" });
    expect(pro.data.limits as unknown as unknown[]).toContainEqual({ layer: "company", key: "perHour", before: 2000, after: 6000 });
    expect(pro.data.limits as unknown as unknown[]).toContainEqual({ layer: "endpoint", key: "settings", before: 4, after: 4 });
    // Previewing changes nothing.
    expect((await json(await getOne(t.companyId, caller))).data).toMatchObject({
      tier: "FREE",
      limitOverrides: { endpoint: { settings: 4 } },
    });
  });

  it("replays across the clock hour the last 60 minutes start in: earlier minutes of that hour count toward its window", async () => {
    const id = await seedCompany({ tier: "FREE", limitOverrides: { company: { perHour: 6 } } });
    const now = new Date(Date.UTC(2026, 0, 5, 10, 10, 30));
    const nowMin = Math.floor(now.getTime() / 60_000);
    const put = async (minute: number, fields: Record<string, number>) => {
      const k = metricsKeys.companyMinute(id, minute);
      const p = getRedis().pipeline();
      for (const [f, v] of Object.entries(fields)) p.hincrby(k, f, v);
      p.expire(k, 600);
      await p.exec();
    };
    // 09:00 (outside the last hour, same clock hour as 09:20): 5 attempts; 09:20: 5; 10:05: 3 and one resource unit.
    await put(nowMin - 70, { n: 5, ok: 5 });
    await put(nowMin - 50, { n: 5, ok: 1, "limited:company": 4, x: 4 });
    await put(nowMin - 5, { n: 3, ok: 3, "r:exports": 3 });
    const p = await previewCompanyLimits({ id, proposal: { overrides: { company: { perHour: 8 }, resource: { exports: 1 } } }, now });
    expect(p.window).toEqual({ from: "2026-01-05T09:11:00.000Z", to: "2026-01-05T10:10:00.000Z" });
    expect(p.recorded).toEqual({ requests: 8, limited: { company: 4 } });
    // 09:xx window: 5 + 5 against 6 → 4 refused (all at 09:20, inside the last hour); against 8 → 2. 10:xx: 3 → none.
    expect(p.refusals).toContainEqual({ layer: "company", before: 4, after: 2 });
    expect(p.refusals).toContainEqual({ layer: "resource", before: 0, after: 2 });
  });
});

describe("GET /api/v1/admin/companies filters, GET one", () => {
  it("filters by tier and status together with the search", async () => {
    const { caller } = await platformAdmin();
    const free = await seedCompany({ tier: "FREE" });
    const ent = await seedCompany({ tier: "ENTERPRISE" });
    expect((await patch(ent, caller, { status: "suspended", suspendedReason: "fraud check" })).status).toBe(200);
    const ids = async (qs: string) =>
      ((await json(await get(`/api/v1/admin/companies?${qs}&limit=100`, caller))).data as unknown as Array<{ id: string }>).map(
        (c) => c.id,
      );
    expect(await ids(`q=${ent}&tier=ENTERPRISE&status=suspended`)).toEqual([ent]);
    expect(await ids(`q=${ent}&tier=FREE`)).toEqual([]);
    expect(await ids(`q=${ent}&status=active`)).toEqual([]);
    expect(await ids(`q=${free}&tier=FREE&status=active`)).toEqual([free]);
    expect((await get("/api/v1/admin/companies?tier=GOLD", caller)).status).toBe(400);
    expect((await get("/api/v1/admin/companies?status=closed", caller)).status).toBe(400);
    expect((await json(await getOne(ent, caller))).data).toMatchObject({
      id: ent,
      status: "suspended",
      suspendedReason: "fraud check",
      lastHour: { requests: 0, limited: 0 },
    });
    expect((await getOne("co_00000000000000000000000000", caller)).status).toBe(404);
  });
});

describe("GET /api/v1/admin/audit-log", () => {
  it("lists every change with before/after, newest first, filtered by company, actor and action, in keyset pages", async () => {
    const a = await platformAdmin();
    const b = await platformAdmin();
    const id = await seedCompany({ tier: "FREE" });
    const other = await seedCompany();
    expect((await patch(id, a.caller, { tier: "PRO" })).status).toBe(200);
    expect((await patch(id, b.caller, { limitOverrides: { endpoint: { calls: 50 } } })).status).toBe(200);
    expect((await patch(id, a.caller, { status: "suspended", suspendedReason: "unpaid" })).status).toBe(200);
    expect((await patch(other, a.caller, { tier: "ENTERPRISE" })).status).toBe(200);

    const all = await json(await get(`/api/v1/admin/audit-log?companyId=${id}`, a.caller));
    const rows = all.data as unknown as Array<Record<string, unknown>>;
    expect(rows.map((r) => r.action)).toEqual(["company.suspended", "company.limits_overridden", "company.tier_changed"]);
    expect(rows[2]).toMatchObject({
      companyId: id,
      actorUserId: a.user.id,
      actorEmail: a.user.email,
      metadata: { before: { tier: "FREE", status: "active" }, after: { tier: "PRO", status: "active" } },
    });
    expect(rows[1]).toMatchObject({
      actorUserId: b.user.id,
      metadata: { before: { limitOverrides: null }, after: { limitOverrides: { endpoint: { calls: 50 } } } },
    });
    expect(rows[0]).toMatchObject({
      metadata: {
        before: { status: "active", suspendedReason: null },
        after: { status: "suspended", suspendedReason: "unpaid", tier: "PRO" },
      },
    });

    const byB = await json(await get(`/api/v1/admin/audit-log?companyId=${id}&actor=${b.user.id}`, a.caller));
    expect((byB.data as unknown as Array<{ action: string }>).map((r) => r.action)).toEqual(["company.limits_overridden"]);
    const tierChanges = await json(await get(`/api/v1/admin/audit-log?actor=${a.user.id}&action=company.tier_changed`, a.caller));
    expect((tierChanges.data as unknown as Array<{ companyId: string }>).map((r) => r.companyId)).toEqual([other, id]);

    const page1 = await json(await get(`/api/v1/admin/audit-log?companyId=${id}&limit=2`, a.caller));
    expect(page1.data).toHaveLength(2);
    const page2 = await json(await get(`/api/v1/admin/audit-log?companyId=${id}&limit=2&cursor=${page1.meta!.nextCursor}`, a.caller));
    expect((page2.data as unknown as Array<{ action: string }>).map((r) => r.action)).toEqual(["company.tier_changed"]);
    expect(page2.meta?.nextCursor).toBeNull();

    for (const qs of ["cursor=abc", "actor=co_1", "action=DROP%20TABLE", "companyId=usr_1", "limit=0", "nope=1"]) {
      expect((await get(`/api/v1/admin/audit-log?${qs}`, a.caller)).status, qs).toBe(400);
    }
  });
});

describe("what the console page reads and records", () => {
  it("GET one lists every effective limit per layer beside its tier default, marking the overridden ones", async () => {
    const { caller } = await platformAdmin();
    const id = await seedCompany({ tier: "PRO" });
    expect((await patch(id, caller, { limitOverrides: { company: { perHour: 7000 }, resource: { apiKeysCap: 40 } } })).status).toBe(200);
    const limits = (await json(await getOne(id, caller))).data.limits as unknown as Array<Record<string, unknown>>;
    expect(limits).toContainEqual({ layer: "company", key: "perHour", value: 7000, tierDefault: 6000, overridden: true });
    expect(limits).toContainEqual({ layer: "endpoint", key: "calls", value: 900, tierDefault: 900, overridden: false });
    expect(limits).toContainEqual({ layer: "resource", key: "apiKeysCap", value: 40, tierDefault: 25, overridden: true });
    // The same keys, in the same order, as the what-if lists them.
    const p = (await json(await previewOf(id, caller, {}))).data as unknown as { limits: Array<{ layer: string; key: string }> };
    expect(limits.map((l) => `${l.layer}.${l.key}`)).toEqual(p.limits.map((l) => `${l.layer}.${l.key}`));
  });

  it("keeps a reactivation's note in its audit row, and filters the log by the actor's email", async () => {
    const a = await platformAdmin();
    const id = await seedCompany();
    expect((await patch(id, a.caller, { status: "suspended", suspendedReason: "unpaid" })).status).toBe(200);
    expect((await patch(id, a.caller, { status: "active", note: "paid by wire" })).status).toBe(200);
    expect((await patch(id, a.caller, { note: "only a note" })).status).toBe(400);

    const byEmail = await json(
      await get(`/api/v1/admin/audit-log?companyId=${id}&actor=${encodeURIComponent(a.user.email.toUpperCase())}`, a.caller),
    );
    const rows = byEmail.data as unknown as Array<{ action: string; metadata: Record<string, unknown> }>;
    expect(rows.map((r) => r.action)).toEqual(["company.reactivated", "company.suspended"]);
    expect(rows[0]!.metadata).toMatchObject({ previousReason: "unpaid", note: "paid by wire", after: { status: "active" } });
    expect(rows[1]!.metadata).not.toHaveProperty("note");
    const nobody = await json(await get(`/api/v1/admin/audit-log?companyId=${id}&actor=nobody%40example.test`, a.caller));
    expect(nobody.data).toEqual([]);
  });
});
