import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as USAGE } from "@/app/api/v1/api-keys/[id]/usage/route";
import { hashToken } from "@/lib/auth/hash-token";
import type { Role } from "@/lib/auth/roles";
import { closeDb } from "@/lib/db/client";
import { decide } from "@/lib/gateway/rate-limit/decide";
import { loadCompanyRecord } from "@/lib/gateway/sync/load-company-record";
import { getRedis, redisKey } from "@/lib/redis/client";
import { createApiKey } from "@/lib/services/api-keys/create-api-key";
import { getApiKeyUsage } from "@/lib/services/api-keys/get-api-key-usage";
import { revokeApiKey } from "@/lib/services/api-keys/revoke-api-key";
import { rollupApiKeyUsage } from "@/lib/services/api-keys/rollup-api-key-usage";
import type { ApiKeyUsage } from "@/lib/services/api-keys/schemas";
import type { Actor } from "@/lib/services/audit/actor-from-caller";
import { bridgeStats } from "../helpers/bridge-stats";
import { seedTenant } from "../helpers/seed-rows";
import { personCaller, routeParams, signedRequest } from "../helpers/signed-request";

const HOUR = 3_600_000;
const DAY = 86_400_000;
// Half past the next hour: later than any write this test makes (a revocation counts at NOW), and
// in the middle of an hour, so the hourly layers' windows cannot turn over between two decisions.
const NOW = (Math.floor(Date.now() / HOUR) + 1) * HOUR + HOUR / 2;
const dayString = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const owner = (userId: string): Actor => ({
  userId,
  apiKeyId: null,
  role: "owner",
  scopes: null,
  isPlatformAdmin: false,
  ip: "203.0.113.9",
  requestId: "req_test_usage_0001",
});

/** A company whose key may make 2 calls requests an hour, and one of its keys (edge records written). */
async function keyedTenant() {
  const t = await seedTenant({ role: "owner", tier: "FREE", limitOverrides: { endpoint: { calls: 2 } } });
  await loadCompanyRecord(t.companyId);
  const created = await createApiKey({ companyId: t.companyId, actor: owner(t.user.id), name: "usage", scopes: ["calls:read"] });
  return { ...t, keyId: created.id, hash: await hashToken(created.key) };
}

const callWith = (hash: string) =>
  decide({ now: NOW, ip: "198.51.100.4", auth: "key", principal: hash, group: "calls", applyGlobal: false });

async function usageVia(caller: ReturnType<typeof personCaller>, id: string, query = "") {
  const res = await USAGE(await signedRequest(`/api/v1/api-keys/${id}/usage${query}`, { caller }), routeParams({ id }));
  return { status: res.status, body: (await res.json()) as { data: ApiKeyUsage; error?: { code: string; details?: unknown } } };
}

let tenant: Awaited<ReturnType<typeof keyedTenant>>;
beforeAll(async () => {
  tenant = await keyedTenant();
});
afterAll(async () => {
  await closeDb();
});

describe("usage recorded in the gateway's one decision trip", () => {
  it("counts admitted requests as ok, a 429 under its layer, and a revoked key's tries as refused", async () => {
    const t = await keyedTenant();
    expect((await callWith(t.hash)).kind).toBe("ok");
    expect((await callWith(t.hash)).kind).toBe("ok");
    expect(await callWith(t.hash)).toMatchObject({ kind: "limited", layer: "endpoint" });
    await revokeApiKey({ companyId: t.companyId, actor: owner(t.user.id), id: t.keyId });
    expect(await callWith(t.hash)).toEqual({ kind: "deny", reason: "key_revoked" });

    const usage = await getApiKeyUsage({ companyId: t.companyId, id: t.keyId, now: new Date(NOW) });
    const today = usage.days.at(-1)!;
    expect(today.day).toBe(dayString(NOW));
    expect(today).toMatchObject({ ok: 2, refused: 1, total: 4 });
    expect(today.limited).toEqual({ global: 0, global_burst: 0, company: 0, endpoint: 1, resource: 0 });
    expect(usage.totals).toMatchObject({ ok: 2, refused: 1, total: 4 });
    expect(usage.days).toHaveLength(30);
    expect(usage.days.slice(0, -1).every((d) => d.total === 0)).toBe(true);
  });

  it("keeps each day's counters for a bounded time (a TTL past the 30-day window)", async () => {
    const t = await keyedTenant();
    await callWith(t.hash);
    const key = redisKey("ku", t.keyId, Math.floor(NOW / DAY));
    const ttl = await getRedis().pttl(key);
    // PEXPIRE counts from the caller's clock (NOW), as the rate-limit windows do: 31 days after the day ends.
    const endOfKept = (Math.floor(NOW / DAY) + 1 + 31) * DAY - NOW;
    expect(ttl).toBeGreaterThan(30 * DAY);
    expect(Math.abs(ttl - endOfKept)).toBeLessThan(5_000);
  });

  it("survives a Redis restart through the rollup into usage_counters, which any number of runs agree on", async () => {
    const t = await keyedTenant();
    await callWith(t.hash);
    await callWith(t.hash);
    await callWith(t.hash); // limited by the endpoint layer (2 an hour)
    expect(await rollupApiKeyUsage({ now: NOW })).toBeGreaterThanOrEqual(2);
    await rollupApiKeyUsage({ now: NOW });
    // Redis loses the counters (a restart without persistence) …
    await getRedis().del(redisKey("ku", t.keyId, Math.floor(NOW / DAY)));
    const usage = await getApiKeyUsage({ companyId: t.companyId, id: t.keyId, now: new Date(NOW) });
    // … and the answer comes from MySQL, not doubled by the second run.
    expect(usage.totals).toMatchObject({ ok: 2, refused: 0, total: 3 });
    expect(usage.totals.limited.endpoint).toBe(1);
    // Counting starts again in Redis; MySQL's higher count stands until Redis passes it.
    await revokeApiKey({ companyId: t.companyId, actor: owner(t.user.id), id: t.keyId });
    await callWith(t.hash);
    const after = await getApiKeyUsage({ companyId: t.companyId, id: t.keyId, now: new Date(NOW) });
    expect(after.totals).toMatchObject({ ok: 2, refused: 1, total: 4 });
    // Another company reads none of it.
    const other = await seedTenant({ role: "owner" });
    await expect(getApiKeyUsage({ companyId: other.companyId, id: t.keyId, now: new Date(NOW) })).rejects.toMatchObject({ status: 404 });
  });

  it("still makes exactly one Redis round trip per decision", async () => {
    const t = await keyedTenant();
    await callWith(t.hash); // loads the script once
    const before = await bridgeStats();
    for (let i = 0; i < 5; i++) await callWith(t.hash);
    expect((await bridgeStats()).requests - before.requests).toBe(5);
  });
});

describe("GET /api/v1/api-keys/{id}/usage", () => {
  const admin = () => personCaller({ userId: tenant.user.id, companyId: tenant.companyId, role: "owner" });

  it("answers the last 30 days, every day listed, oldest first", async () => {
    const { status, body } = await usageVia(admin(), tenant.keyId);
    expect(status).toBe(200);
    expect(body.data.keyId).toBe(tenant.keyId);
    expect(body.data.days).toHaveLength(30);
    expect(body.data.to).toBe(dayString(Date.now()));
    expect(body.data.from).toBe(dayString(Date.now() - 29 * DAY));
  });

  it("takes a range inside the window", async () => {
    const from = dayString(Date.now() - 6 * DAY);
    const to = dayString(Date.now() - 2 * DAY);
    const { status, body } = await usageVia(admin(), tenant.keyId, `?from=${from}&to=${to}`);
    expect(status).toBe(200);
    expect(body.data.days.map((d) => d.day)).toEqual([0, 1, 2, 3, 4].map((i) => dayString(Date.now() - (6 - i) * DAY)));
  });

  it.each([
    ["to before from", () => `?from=${dayString(Date.now() - DAY)}&to=${dayString(Date.now() - 3 * DAY)}`, "to"],
    ["more than 30 days", () => `?from=${dayString(Date.now() - 40 * DAY)}&to=${dayString(Date.now())}`, "to"],
    ["older than the days kept", () => `?from=${dayString(Date.now() - 35 * DAY)}&to=${dayString(Date.now() - 20 * DAY)}`, "from"],
    ["a day in the future", () => `?to=${dayString(Date.now() + 2 * DAY)}`, "to"],
    ["not a day", () => `?from=yesterday`, "from"],
    ["an unknown parameter", () => `?days=7`, "days"],
  ])("refuses %s with 400 naming the field", async (_name, query, field) => {
    const { status, body } = await usageVia(admin(), tenant.keyId, query());
    expect(status).toBe(400);
    expect(JSON.stringify(body.error?.details)).toContain(`"${field}"`);
  });

  it("answers 404 for another company's key and for an unknown one", async () => {
    const other = await seedTenant({ role: "owner" });
    const caller = personCaller({ userId: other.user.id, companyId: other.companyId, role: "owner" });
    expect((await usageVia(caller, tenant.keyId)).status).toBe(404);
    expect((await usageVia(admin(), "key_00000000000000000000000000")).status).toBeOneOf([400, 404]);
  });

  it.each<Role>(["viewer", "member"])("refuses a %s (no keys:manage) with 403", async (role) => {
    const caller = personCaller({ userId: tenant.user.id, companyId: tenant.companyId, role });
    const { status, body } = await usageVia(caller, tenant.keyId);
    expect(status).toBe(403);
    expect(body.error?.code).toBe("forbidden");
  });
});
