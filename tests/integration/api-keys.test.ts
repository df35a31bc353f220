import { and, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { DELETE } from "@/app/api/v1/api-keys/[id]/route";
import { POST as ROTATE } from "@/app/api/v1/api-keys/[id]/rotate/route";
import { GET, POST } from "@/app/api/v1/api-keys/route";
import { hashToken } from "@/lib/auth/hash-token";
import { closeDb, getDb } from "@/lib/db/client";
import { apiKeys } from "@/lib/db/schema/api-keys";
import { auditLog } from "@/lib/db/schema/audit-log";
import { companies } from "@/lib/db/schema/companies";
import { NEGATIVE, POLICY_VERSION, recordKeys, type ApiKeyRecord, type CompanyRecord } from "@/lib/gateway/records";
import { apiKeyRecordFromRow } from "@/lib/gateway/sync/api-key-record-from-row";
import { apiKeyRecordStatus, isApiKeyUsable } from "@/lib/gateway/sync/api-key-record-status";
import { loadApiKeyRecordByHash } from "@/lib/gateway/sync/load-api-key-record-by-hash";
import { loadCompanyRecord } from "@/lib/gateway/sync/load-company-record";
import { getRedis, redisKey } from "@/lib/redis/client";
import { createApiKey } from "@/lib/services/api-keys/create-api-key";
import { listApiKeys } from "@/lib/services/api-keys/list-api-keys";
import { revokeApiKey } from "@/lib/services/api-keys/revoke-api-key";
import { rotateApiKey } from "@/lib/services/api-keys/rotate-api-key";
import { touchApiKey } from "@/lib/services/api-keys/touch-api-key";
import type { Actor } from "@/lib/services/audit/actor-from-caller";
import { apiKeyCaller, personCaller, routeParams, signedRequest } from "../helpers/signed-request";
import { seedTenant } from "../helpers/seed-rows";
import type { Role } from "@/lib/auth/roles";

afterAll(async () => {
  await closeDb();
});

const person = (userId: string, role: Role | null, pa = false): Actor => ({
  userId,
  apiKeyId: null,
  role,
  scopes: null,
  isPlatformAdmin: pa,
  ip: "203.0.113.7",
  requestId: "req_test_keys_0001",
});

const keyRecord = (hash: string) => getRedis().get<ApiKeyRecord>(redisKey(recordKeys.apiKey(hash)));
const rowById = async (id: string) => (await getDb().select().from(apiKeys).where(eq(apiKeys.id, id)))[0]!;
const auditRows = (targetId: string) => getDb().select().from(auditLog).where(eq(auditLog.targetId, targetId));

async function createViaRoute(caller: ReturnType<typeof personCaller>, body: unknown) {
  const res = await POST(await signedRequest("/api/v1/api-keys", { method: "POST", caller, body }));
  return {
    res,
    json: (await res.json()) as {
      data: Record<string, unknown> & { key: string; id: string };
      error?: { code: string; details?: unknown };
    },
  };
}

describe("POST /api/v1/api-keys", () => {
  it("shows the secret once, stores only its hash and writes the edge record and an audit row", async () => {
    const t = await seedTenant({ role: "owner" });
    const caller = personCaller({ userId: t.user.id, companyId: t.companyId, role: "owner" });
    const { res, json } = await createViaRoute(caller, { name: "Zapier", scopes: ["calls:read", "customers:read"] });

    expect(res.status).toBe(201);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const key = json.data.key;
    expect(key).toMatch(/^sb_live_[0-9A-Za-z]{32}$/);
    expect(json.data).toMatchObject({
      name: "Zapier",
      scopes: ["calls:read", "customers:read"],
      prefix: key.slice(0, 12),
      lastFour: key.slice(-4),
      status: "active",
      expiresAt: null,
    });

    const row = await rowById(json.data.id);
    const hash = await hashToken(key);
    expect(row.keyHash).toBe(hash);
    expect(JSON.stringify(row)).not.toContain(key.slice(12));
    expect(row.companyId).toBe(t.companyId);
    expect(row.createdBy).toBe(t.user.id);

    expect(await keyRecord(hash)).toEqual(apiKeyRecordFromRow(row));
    expect((await keyRecord(hash))?.revokedAt).toBeNull();

    const [audit] = await auditRows(json.data.id);
    expect(audit).toMatchObject({
      action: "api_key.created",
      companyId: t.companyId,
      actorUserId: t.user.id,
      targetType: "api_key",
      ip: "203.0.113.7",
    });
    expect(JSON.stringify(audit!.metadata)).not.toContain(key.slice(12));
    expect(JSON.stringify(audit!.metadata)).not.toContain(hash);

    // The list never shows the secret or its hash again.
    const list = await GET(await signedRequest("/api/v1/api-keys", { caller }));
    expect(list.status).toBe(200);
    const text = await list.text();
    expect(text).toContain(json.data.id);
    expect(text).not.toContain(key.slice(12));
    expect(text).not.toContain(hash);
    expect(JSON.parse(text).data[0]).not.toHaveProperty("key");
  });

  it("creates sb_test_ keys and accepts a future expiry, refuses a past one", async () => {
    const t = await seedTenant({ role: "admin" });
    const caller = personCaller({ userId: t.user.id, companyId: t.companyId, role: "admin" });
    const future = new Date(Date.now() + 86_400_000).toISOString();
    const ok = await createViaRoute(caller, { name: "CI", scopes: ["calls:read"], environment: "test", expiresAt: future });
    expect(ok.res.status).toBe(201);
    expect(ok.json.data.key).toMatch(/^sb_test_/);
    expect(ok.json.data.expiresAt).toBe(future);

    const past = await createViaRoute(caller, {
      name: "Old",
      scopes: ["calls:read"],
      expiresAt: new Date(Date.now() - 1000).toISOString(),
    });
    expect(past.res.status).toBe(400);
    expect(past.json.error?.details).toEqual([expect.objectContaining({ field: "expiresAt" })]);
  });

  it("refuses scopes beyond the creator's role (403 naming them), unknown and empty scopes (400)", async () => {
    const t = await seedTenant({ role: "admin" });
    const caller = personCaller({ userId: t.user.id, companyId: t.companyId, role: "admin" });

    const beyond = await createViaRoute(caller, { name: "x", scopes: ["calls:read", "billing:manage"] });
    expect(beyond.res.status).toBe(403);
    expect(beyond.json.error?.details).toMatchObject({ field: "scopes", notGrantable: ["billing:manage"] });

    expect((await createViaRoute(caller, { name: "x", scopes: ["calls:destroy"] })).res.status).toBe(400);
    expect((await createViaRoute(caller, { name: "x", scopes: [] })).res.status).toBe(400);
    expect((await createViaRoute(caller, { name: "x", scopes: ["calls:read", "calls:read"] })).res.status).toBe(400);
    expect(await getDb().select().from(apiKeys).where(eq(apiKeys.companyId, t.companyId))).toHaveLength(0);
  });

  it("needs keys:manage: a member is refused", async () => {
    const t = await seedTenant({ role: "member" });
    const { res } = await createViaRoute(personCaller({ userId: t.user.id, companyId: t.companyId, role: "member" }), {
      name: "x",
      scopes: ["calls:read"],
    });
    expect(res.status).toBe(403);
  });

  it("lets a key create keys only within its own scopes, attributed to its creator", async () => {
    const t = await seedTenant({ role: "owner" });
    const parent = await createApiKey({
      companyId: t.companyId,
      actor: person(t.user.id, "owner"),
      name: "automation",
      scopes: ["keys:manage", "calls:read"],
    });
    const caller = apiKeyCaller({ keyId: parent.id, companyId: t.companyId, scopes: ["keys:manage", "calls:read"] });

    const wider = await createViaRoute(caller, { name: "child", scopes: ["calls:write"] });
    expect(wider.res.status).toBe(403);
    const child = await createViaRoute(caller, { name: "child", scopes: ["calls:read"] });
    expect(child.res.status).toBe(201);
    expect((await rowById(child.json.data.id)).createdBy).toBe(t.user.id);
    expect((await auditRows(child.json.data.id))[0]).toMatchObject({ actorApiKeyId: parent.id, actorUserId: null });
  });

  it("caps active keys per tier (FREE 5) with a clear 409, counts only active ones, and holds under concurrency", async () => {
    const t = await seedTenant({ tier: "FREE", role: "owner" });
    const actor = person(t.user.id, "owner");
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => createApiKey({ companyId: t.companyId, actor, name: `k${i}`, scopes: ["calls:read"] })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(5);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({
      status: 409,
      code: "conflict",
      details: { resource: "apiKeys", limit: 5, active: 5, tier: "FREE" },
    });

    const caller = personCaller({ userId: t.user.id, companyId: t.companyId, role: "owner" });
    const sixth = await createViaRoute(caller, { name: "sixth", scopes: ["calls:read"] });
    expect(sixth.res.status).toBe(409);
    expect(sixth.json.error).toMatchObject({ code: "conflict" });

    const first = (results.find((r) => r.status === "fulfilled") as PromiseFulfilledResult<{ id: string }>).value;
    await revokeApiKey({ companyId: t.companyId, actor, id: first.id });
    expect((await createViaRoute(caller, { name: "after revoke", scopes: ["calls:read"] })).res.status).toBe(201);
  });

  it("applies a platform admin's cap override (resource.apiKeysCap)", async () => {
    const t = await seedTenant({ tier: "FREE", role: "owner", limitOverrides: { resource: { apiKeysCap: 2 } } });
    const actor = person(t.user.id, "owner");
    await createApiKey({ companyId: t.companyId, actor, name: "a", scopes: ["calls:read"] });
    await createApiKey({ companyId: t.companyId, actor, name: "b", scopes: ["calls:read"] });
    await expect(createApiKey({ companyId: t.companyId, actor, name: "c", scopes: ["calls:read"] })).rejects.toMatchObject({
      status: 409,
      details: { limit: 2 },
    });
  });
});

describe("DELETE /api/v1/api-keys/{id}", () => {
  it("revokes: 200 with the public shape, the edge record says revoked, one audit row even when repeated", async () => {
    const t = await seedTenant({ role: "owner" });
    const caller = personCaller({ userId: t.user.id, companyId: t.companyId, role: "owner" });
    const created = await createApiKey({
      companyId: t.companyId,
      actor: person(t.user.id, "owner"),
      name: "to revoke",
      scopes: ["calls:read"],
    });
    const hash = await hashToken(created.key);

    const path = `/api/v1/api-keys/${created.id}`;
    const res = await DELETE(await signedRequest(path, { method: "DELETE", caller }), routeParams({ id: created.id }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: Record<string, unknown> };
    expect(body.data).toMatchObject({ id: created.id, status: "revoked" });
    expect(body.data).not.toHaveProperty("key");
    expect(body.data).not.toHaveProperty("keyHash");

    const record = await keyRecord(hash);
    expect(record?.revokedAt).toEqual(expect.any(Number));
    expect(apiKeyRecordStatus(record!, Date.now())).toBe("revoked");

    const again = await DELETE(await signedRequest(path, { method: "DELETE", caller }), routeParams({ id: created.id }));
    expect(again.status).toBe(200);
    expect((await auditRows(created.id)).map((a) => a.action).sort()).toEqual(["api_key.created", "api_key.revoked"]);
  });

  it("answers 404 for another company's key and leaves it alone", async () => {
    const a = await seedTenant({ role: "owner" });
    const b = await seedTenant({ role: "owner" });
    const theirs = await createApiKey({
      companyId: b.companyId,
      actor: person(b.user.id, "owner"),
      name: "b's key",
      scopes: ["calls:read"],
    });
    const callerA = personCaller({ userId: a.user.id, companyId: a.companyId, role: "owner" });

    const del = await DELETE(
      await signedRequest(`/api/v1/api-keys/${theirs.id}`, { method: "DELETE", caller: callerA }),
      routeParams({ id: theirs.id }),
    );
    expect(del.status).toBe(404);
    const rot = await ROTATE(
      await signedRequest(`/api/v1/api-keys/${theirs.id}/rotate`, { method: "POST", caller: callerA }),
      routeParams({ id: theirs.id }),
    );
    expect(rot.status).toBe(404);
    expect((await rowById(theirs.id)).revokedAt).toBeNull();
    expect((await rowById(theirs.id)).rotatedToId).toBeNull();
    expect((await listApiKeys({ companyId: a.companyId })).items).toHaveLength(0);
  });
});

describe("POST /api/v1/api-keys/{id}/rotate", () => {
  it("issues a new secret; both keys work until the grace period ends (injected time)", async () => {
    const t = await seedTenant({ role: "owner" });
    const actor = person(t.user.id, "owner");
    const t0 = new Date();
    const old = await createApiKey({
      companyId: t.companyId,
      actor,
      name: "mobile",
      scopes: ["calls:read", "appointments:write"],
      now: t0,
    });
    const rotated = await rotateApiKey({ companyId: t.companyId, actor, id: old.id, gracePeriodSeconds: 3600, now: t0 });

    expect(rotated.key).not.toBe(old.key);
    expect(rotated).toMatchObject({
      name: "mobile",
      scopes: ["calls:read", "appointments:write"],
      rotatedFromId: old.id,
      status: "active",
    });
    expect(rotated.previous).toMatchObject({
      id: old.id,
      rotatedToId: rotated.id,
      status: "grace_period",
      graceExpiresAt: new Date(t0.getTime() + 3_600_000).toISOString(),
    });

    const oldRecord = (await keyRecord(await hashToken(old.key)))!;
    const newRecord = (await keyRecord(await hashToken(rotated.key)))!;
    const at = (ms: number) => t0.getTime() + ms;
    expect(isApiKeyUsable(apiKeyRecordStatus(oldRecord, at(59 * 60_000)))).toBe(true);
    expect(isApiKeyUsable(apiKeyRecordStatus(newRecord, at(59 * 60_000)))).toBe(true);
    expect(apiKeyRecordStatus(oldRecord, at(3_600_000))).toBe("rotated");
    expect(isApiKeyUsable(apiKeyRecordStatus(oldRecord, at(3_600_000)))).toBe(false);
    expect(isApiKeyUsable(apiKeyRecordStatus(newRecord, at(3_600_000)))).toBe(true);

    // The old key cannot be rotated twice, and the rotation is audited.
    await expect(rotateApiKey({ companyId: t.companyId, actor, id: old.id, now: t0 })).rejects.toMatchObject({ status: 409 });
    expect((await auditRows(old.id)).map((a) => a.action)).toContain("api_key.rotated");
  });

  it("through the route: 201 with the new secret, 24 h grace by default, 0 stops the old key at once, over 7 days is refused", async () => {
    const t = await seedTenant({ role: "owner" });
    const caller = personCaller({ userId: t.user.id, companyId: t.companyId, role: "owner" });
    const actor = person(t.user.id, "owner");

    const a = await createApiKey({ companyId: t.companyId, actor, name: "a", scopes: ["calls:read"] });
    const res = await ROTATE(await signedRequest(`/api/v1/api-keys/${a.id}/rotate`, { method: "POST", caller }), routeParams({ id: a.id }));
    expect(res.status).toBe(201);
    const body = (await res.json()) as { data: { key: string; previous: { graceExpiresAt: string } } };
    expect(body.data.key).toMatch(/^sb_live_/);
    const grace = new Date(body.data.previous.graceExpiresAt).getTime() - Date.now();
    expect(grace).toBeGreaterThan(86_400_000 - 60_000);
    expect(grace).toBeLessThanOrEqual(86_400_000);

    const b = await createApiKey({ companyId: t.companyId, actor, name: "b", scopes: ["calls:read"] });
    const tooLong = await ROTATE(
      await signedRequest(`/api/v1/api-keys/${b.id}/rotate`, { method: "POST", caller, body: { gracePeriodSeconds: 8 * 86_400 } }),
      routeParams({ id: b.id }),
    );
    expect(tooLong.status).toBe(400);
    const now = await ROTATE(
      await signedRequest(`/api/v1/api-keys/${b.id}/rotate`, { method: "POST", caller, body: { gracePeriodSeconds: 0 } }),
      routeParams({ id: b.id }),
    );
    expect(now.status).toBe(201);
    const record = (await keyRecord(await hashToken(b.key)))!;
    expect(isApiKeyUsable(apiKeyRecordStatus(record, Date.now()))).toBe(false);
  });

  it("refuses to rotate a revoked key (409)", async () => {
    const t = await seedTenant({ role: "owner" });
    const actor = person(t.user.id, "owner");
    const k = await createApiKey({ companyId: t.companyId, actor, name: "gone", scopes: ["calls:read"] });
    await revokeApiKey({ companyId: t.companyId, actor, id: k.id });
    await expect(rotateApiKey({ companyId: t.companyId, actor, id: k.id })).rejects.toMatchObject({
      status: 409,
      details: { status: "revoked" },
    });
  });
});

describe("touchApiKey", () => {
  it("writes last_used_at at most once a minute", async () => {
    const t = await seedTenant({ role: "owner" });
    const k = await createApiKey({ companyId: t.companyId, actor: person(t.user.id, "owner"), name: "t", scopes: ["calls:read"] });
    const t0 = new Date(Date.now() + 1000);
    expect(await touchApiKey(k.id, t0)).toBe(true);
    expect(await touchApiKey(k.id, new Date(t0.getTime() + 30_000))).toBe(false);
    expect((await rowById(k.id)).lastUsedAt?.getTime()).toBe(t0.getTime());
    expect(await touchApiKey(k.id, new Date(t0.getTime() + 61_000))).toBe(true);
    expect((await rowById(k.id)).lastUsedAt?.getTime()).toBe(t0.getTime() + 61_000);
  });
});

describe("edge record loaders (the gateway's miss path)", () => {
  it("fills a missing key record from MySQL, and remembers unknown hashes briefly", async () => {
    const t = await seedTenant({ role: "owner" });
    const k = await createApiKey({ companyId: t.companyId, actor: person(t.user.id, "owner"), name: "l", scopes: ["calls:read"] });
    const hash = await hashToken(k.key);
    await getRedis().del(redisKey(recordKeys.apiKey(hash)));

    const loaded = await loadApiKeyRecordByHash(hash);
    expect(loaded).toMatchObject({ id: k.id, companyId: t.companyId, scopes: ["calls:read"], revokedAt: null });
    expect(await keyRecord(hash)).toEqual(loaded);

    const unknown = await hashToken("sb_live_doesnotexist0000000000000000000");
    expect(await loadApiKeyRecordByHash(unknown)).toBeNull();
    const key = redisKey(recordKeys.apiKey(unknown));
    expect(await getRedis().get(key)).toBe(NEGATIVE);
    const ttl = await getRedis().ttl(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60);
  });

  it("never lets a fill replace a newer write-through", async () => {
    const t = await seedTenant({ role: "owner" });
    const k = await createApiKey({ companyId: t.companyId, actor: person(t.user.id, "owner"), name: "r", scopes: ["calls:read"] });
    const hash = await hashToken(k.key);
    const current = (await keyRecord(hash))!;
    const newer = { ...current, revokedAt: 1, ver: current.ver + 1 };
    await getRedis().set(redisKey(recordKeys.apiKey(hash)), JSON.stringify(newer));
    await loadApiKeyRecordByHash(hash);
    expect(await keyRecord(hash)).toEqual(newer);
  });

  it("fills a company record when missing, older, or written under another policy version; never over a newer one", async () => {
    const t = await seedTenant({ tier: "ENTERPRISE" });
    const key = redisKey(recordKeys.company(t.companyId));
    await getRedis().del(key);
    const record = await loadCompanyRecord(t.companyId);
    expect(record).toMatchObject({ id: t.companyId, tier: "ENTERPRISE", status: "active", pv: POLICY_VERSION });
    expect(await getRedis().get<CompanyRecord>(key)).toEqual(record);

    await getRedis().set(key, JSON.stringify({ ...record, tier: "FREE", pv: "old-policy" }));
    await loadCompanyRecord(t.companyId);
    expect((await getRedis().get<CompanyRecord>(key))?.tier).toBe("ENTERPRISE");

    await getDb().update(companies).set({ tier: "PRO" }).where(eq(companies.id, t.companyId));
    // a write-through newer than the row the fill read is kept …
    await getRedis().set(key, JSON.stringify({ ...record, tier: "UNLIMITED", ver: Date.now() + 60_000 }));
    await loadCompanyRecord(t.companyId);
    expect((await getRedis().get<CompanyRecord>(key))?.tier).toBe("UNLIMITED");
    // … an older one is repaired from MySQL
    await getRedis().set(key, JSON.stringify({ ...record, tier: "UNLIMITED", ver: 1 }));
    await loadCompanyRecord(t.companyId);
    expect((await getRedis().get<CompanyRecord>(key))?.tier).toBe("PRO");

    expect(await loadCompanyRecord("co_00000000000000000000000000")).toBeNull();
  });
});

describe("routes without a valid gateway context", () => {
  it("answer 401: no context, a forged signature, a context signed for another path", async () => {
    const t = await seedTenant({ role: "owner" });
    const caller = personCaller({ userId: t.user.id, companyId: t.companyId, role: "owner" });
    const body = { name: "x", scopes: ["calls:read"] };
    const none = await POST(await signedRequest("/api/v1/api-keys", { method: "POST", caller: null, body }));
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
    const forged = await POST(
      await signedRequest("/api/v1/api-keys", { method: "POST", caller, body, secret: "not-the-gateway-secret-0123456789abcdef" }),
    );
    expect(forged.status).toBe(401);
    const replayed = await POST(await signedRequest("/api/v1/api-keys", { method: "POST", caller, body, signedPath: "/api/v1/calls" }));
    expect(replayed.status).toBe(401);
    const stale = await GET(await signedRequest("/api/v1/api-keys", { caller, iat: Date.now() - 60_000 }));
    expect(stale.status).toBe(401);
    expect(
      await getDb()
        .select()
        .from(apiKeys)
        .where(and(eq(apiKeys.companyId, t.companyId))),
    ).toHaveLength(0);
  });
});
