import { and, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { PATCH } from "@/app/api/v1/admin/companies/[id]/route";
import { GET } from "@/app/api/v1/admin/companies/route";
import { closeDb, getDb } from "@/lib/db/client";
import { auditLog } from "@/lib/db/schema/audit-log";
import { companies } from "@/lib/db/schema/companies";
import { companyLimits } from "@/lib/gateway/rate-limit/policy";
import { recordKeys, type CompanyRecord } from "@/lib/gateway/records";
import { getRedis, redisKey } from "@/lib/redis/client";
import { createApiKey } from "@/lib/services/api-keys/create-api-key";
import type { Actor } from "@/lib/services/audit/actor-from-caller";
import { seedCompany, seedMembership, seedTenant, seedUser } from "../helpers/seed-rows";
import { apiKeyCaller, personCaller, routeParams, signedRequest } from "../helpers/signed-request";

afterAll(async () => {
  await closeDb();
});

async function platformAdmin() {
  const user = await seedUser({ isPlatformAdmin: true });
  return { user, caller: personCaller({ userId: user.id, companyId: null, role: null, pa: true }) };
}

async function patch(id: string, caller: ReturnType<typeof personCaller> | null, body: unknown) {
  const res = await PATCH(await signedRequest(`/api/v1/admin/companies/${id}`, { method: "PATCH", caller, body }), routeParams({ id }));
  return { res, json: (await res.json()) as { data: Record<string, unknown>; error?: { code: string; details?: unknown } } };
}

const companyRow = async (id: string) => (await getDb().select().from(companies).where(eq(companies.id, id)))[0]!;
const companyRecord = (id: string) => getRedis().get<CompanyRecord>(redisKey(recordKeys.company(id)));
const audits = (id: string) =>
  getDb()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.targetType, "company"), eq(auditLog.targetId, id)));

describe("PATCH /api/v1/admin/companies/{id}", () => {
  it("is refused to a company owner (403), to an API key (403) and without a gateway context (401)", async () => {
    const t = await seedTenant({ tier: "FREE", role: "owner" });
    const owner = personCaller({ userId: t.user.id, companyId: t.companyId, role: "owner" });
    expect((await patch(t.companyId, owner, { tier: "UNLIMITED" })).res.status).toBe(403);
    const key = apiKeyCaller({ keyId: "key_x", companyId: t.companyId, scopes: ["keys:manage", "settings:manage"] });
    expect((await patch(t.companyId, key, { tier: "UNLIMITED" })).res.status).toBe(403);
    expect((await patch(t.companyId, null, { tier: "UNLIMITED" })).res.status).toBe(401);
    expect((await companyRow(t.companyId)).tier).toBe("FREE");
    expect(await audits(t.companyId)).toHaveLength(0);
  });

  it("changes the tier in MySQL and in the edge record, and audits it", async () => {
    const { user, caller } = await platformAdmin();
    const id = await seedCompany({ tier: "FREE" });
    const { res, json } = await patch(id, caller, { tier: "ENTERPRISE" });
    expect(res.status).toBe(200);
    expect(json.data).toMatchObject({ id, tier: "ENTERPRISE", status: "active" });

    expect((await companyRow(id)).tier).toBe("ENTERPRISE");
    const record = await companyRecord(id);
    expect(record).toMatchObject({ id, tier: "ENTERPRISE", status: "active" });
    expect(record?.limits).toEqual(companyLimits("ENTERPRISE", null));

    const [audit] = await audits(id);
    expect(audit).toMatchObject({
      action: "company.tier_changed",
      actorUserId: user.id,
      companyId: id,
      metadata: { from: "FREE", to: "ENTERPRISE" },
    });

    // The same PATCH again changes nothing and records nothing.
    expect((await patch(id, caller, { tier: "ENTERPRISE" })).res.status).toBe(200);
    expect(await audits(id)).toHaveLength(1);
  });

  it("suspends with a reason and reactivates, each written through and audited", async () => {
    const { caller } = await platformAdmin();
    const id = await seedCompany();
    const suspended = await patch(id, caller, { status: "suspended", suspendedReason: "Chargeback under review" });
    expect(suspended.json.data).toMatchObject({
      status: "suspended",
      suspendedReason: "Chargeback under review",
      suspendedAt: expect.any(String),
    });
    expect((await companyRecord(id))?.status).toBe("suspended");

    const active = await patch(id, caller, { status: "active" });
    expect(active.json.data).toMatchObject({ status: "active", suspendedReason: null, suspendedAt: null });
    expect((await companyRecord(id))?.status).toBe("active");
    expect((await companyRow(id)).suspendedAt).toBeNull();
    expect((await audits(id)).map((a) => a.action).sort()).toEqual(["company.reactivated", "company.suspended"]);

    expect((await patch(id, caller, { status: "active", suspendedReason: "x" })).res.status).toBe(400);
  });

  it("validates overrides: known layers and keys, positive integers only", async () => {
    const { caller } = await platformAdmin();
    const id = await seedCompany();
    for (const limitOverrides of [
      { global: { perHour: 10 } },
      { company: { perDay: 10 } },
      { endpoint: { nonsense: 10 } },
      { resource: { apiKeysCap: -1 } },
      { resource: { apiKeysCap: 1.5 } },
      { company: { perHour: "9000" } },
    ]) {
      const r = await patch(id, caller, { limitOverrides });
      expect(r.res.status, JSON.stringify(limitOverrides)).toBe(400);
      expect(r.json.error?.code).toBe("validation_failed");
    }
    expect((await patch(id, caller, {})).res.status).toBe(400);
    expect((await patch(id, caller, { tier: "GOLD" })).res.status).toBe(400);
    expect((await companyRow(id)).limitOverrides).toBeNull();
  });

  it("stores overrides, hands them to the edge, and the key cap obeys them; null clears them", async () => {
    const { caller } = await platformAdmin();
    const t = await seedTenant({ tier: "FREE", role: "owner" });
    const overrides = { company: { perHour: 9000 }, endpoint: { calls: 1200 }, resource: { apiKeysCap: 1 } };
    const { res, json } = await patch(t.companyId, caller, { limitOverrides: overrides });
    expect(res.status).toBe(200);
    expect(json.data.limitOverrides).toEqual(overrides);
    expect((await companyRow(t.companyId)).limitOverrides).toEqual(overrides);
    const record = await companyRecord(t.companyId);
    expect(record?.overrides).toEqual(overrides);
    expect(record?.limits.companyPerHour).toBe(9000);
    expect(record?.limits.endpoint.calls).toBe(1200);

    const actor: Actor = {
      userId: t.user.id,
      apiKeyId: null,
      role: "owner",
      scopes: null,
      isPlatformAdmin: false,
      ip: null,
      requestId: null,
    };
    await createApiKey({ companyId: t.companyId, actor, name: "one", scopes: ["calls:read"] });
    await expect(createApiKey({ companyId: t.companyId, actor, name: "two", scopes: ["calls:read"] })).rejects.toMatchObject({
      status: 409,
    });

    const cleared = await patch(t.companyId, caller, { limitOverrides: null });
    expect(cleared.json.data.limitOverrides).toBeNull();
    expect((await companyRecord(t.companyId))?.limits.companyPerHour).toBe(2000);
    expect((await audits(t.companyId)).filter((a) => a.action === "company.limits_overridden")).toHaveLength(2);
  });

  it("answers 404 for an unknown company", async () => {
    const { caller } = await platformAdmin();
    expect((await patch("co_00000000000000000000000000", caller, { tier: "PRO" })).res.status).toBe(404);
  });
});

describe("GET /api/v1/admin/companies", () => {
  it("lists companies with member and active key counts, searches and pages", async () => {
    const { caller } = await platformAdmin();
    const name = `Searchable Dental ${Date.now()}`;
    const id = await seedCompany({ name, tier: "PRO" });
    const a = await seedUser();
    const b = await seedUser();
    await seedMembership(id, a.id, "owner");
    await seedMembership(id, b.id, "viewer");
    await createApiKey({
      companyId: id,
      actor: { userId: a.id, apiKeyId: null, role: "owner", scopes: null, isPlatformAdmin: false, ip: null, requestId: null },
      name: "k",
      scopes: ["calls:read"],
    });

    const res = await GET(await signedRequest(`/api/v1/admin/companies?q=${encodeURIComponent(name)}`, { caller }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: Array<Record<string, unknown>>; meta: { nextCursor: string | null } };
    expect(body.data).toHaveLength(1);
    expect(body.data[0]).toMatchObject({
      id,
      name,
      tier: "PRO",
      status: "active",
      memberCount: 2,
      activeApiKeyCount: 1,
      limitOverrides: null,
    });
    expect(body.meta.nextCursor).toBeNull();

    // A LIKE wildcard in q is taken literally.
    const wildcard = (await (await GET(await signedRequest("/api/v1/admin/companies?q=%25", { caller }))).json()) as { data: unknown[] };
    expect(wildcard.data).toHaveLength(0);

    const page1 = (await (await GET(await signedRequest("/api/v1/admin/companies?limit=1", { caller }))).json()) as {
      data: Array<{ id: string }>;
      meta: { nextCursor: string };
    };
    expect(page1.data).toHaveLength(1);
    expect(page1.meta.nextCursor).toBe(page1.data[0]!.id);
    const page2 = (await (
      await GET(await signedRequest(`/api/v1/admin/companies?limit=1&cursor=${page1.meta.nextCursor}`, { caller }))
    ).json()) as { data: Array<{ id: string }> };
    expect(page2.data).toHaveLength(1);
    expect(page2.data[0]!.id < page1.data[0]!.id).toBe(true);
  });

  it("is refused to people who are not platform admins", async () => {
    const t = await seedTenant({ role: "owner" });
    const res = await GET(
      await signedRequest("/api/v1/admin/companies", {
        caller: personCaller({ userId: t.user.id, companyId: t.companyId, role: "owner" }),
      }),
    );
    expect(res.status).toBe(403);
  });
});
