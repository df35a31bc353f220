import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { DELETE as revokeRoute } from "@/app/api/v1/api-keys/[id]/route";
import { POST as rotateRoute } from "@/app/api/v1/api-keys/[id]/rotate/route";
import { GET as listRoute, POST as createRoute } from "@/app/api/v1/api-keys/route";
import { eq } from "drizzle-orm";
import { closeDb, getDb } from "@/lib/db/client";
import { apiKeys } from "@/lib/db/schema/api-keys";
import { countActiveApiKeys } from "@/lib/services/api-keys/count-active-api-keys";
import { createApiKey } from "@/lib/services/api-keys/create-api-key";
import { revokeApiKey } from "@/lib/services/api-keys/revoke-api-key";
import { rotateApiKey } from "@/lib/services/api-keys/rotate-api-key";
import { changeMemberRole } from "@/lib/services/team/change-member-role";
import { removeMember } from "@/lib/services/team/remove-member";
import type { Actor } from "@/lib/services/audit/actor-from-caller";
import { throughGateway } from "../helpers/gateway-harness";
import { edgeRequest, startCountingOrigin, type Envelope } from "../helpers/gateway-requests";
import { seedMembership, seedTenant, seedUser } from "../helpers/seed-rows";

/**
 * Issue 9 items 4 and 6: a key never creates or rotates a key that outlives it or holds scopes it
 * lacks, a key in its grace period only reads, revoking/rotating needs scopes covering the target,
 * the cap counts every key that can authenticate, and a bad key gets one 401 whatever the reason.
 */

let origin: Awaited<ReturnType<typeof startCountingOrigin>>;
beforeAll(async () => {
  origin = await startCountingOrigin();
});
afterAll(async () => {
  await origin.close();
  await closeDb();
});

const HOUR = 3_600_000;
const owner = (userId: string): Actor => ({
  userId,
  apiKeyId: null,
  role: "owner",
  scopes: null,
  isPlatformAdmin: false,
  ip: null,
  requestId: null,
});

type Data = { data: { id: string; key: string; expiresAt: string | null } } & Partial<Envelope>;

/** One request with `Authorization: Bearer <key>` through the edge and the route. */
async function withKey(key: string, method: string, path: string, body?: unknown, params?: Record<string, string>) {
  const handler = path.endsWith("/rotate")
    ? rotateRoute
    : path === "/api/v1/api-keys"
      ? method === "GET"
        ? listRoute
        : createRoute
      : revokeRoute;
  const res = await throughGateway(edgeRequest(path, { method, headers: { authorization: `Bearer ${key}` }, body }), handler, {
    internalOrigin: origin.origin,
    params,
  });
  return { status: res.status, json: (await res.json()) as Data };
}

async function tenantWithKey(scopes: string[], opts: { expiresAt?: Date; tier?: "FREE" | "PRO" } = {}) {
  const t = await seedTenant({ role: "owner", tier: opts.tier ?? "PRO" });
  const parent = await createApiKey({
    companyId: t.companyId,
    actor: owner(t.user.id),
    name: "parent",
    scopes: scopes as never,
    expiresAt: opts.expiresAt,
  });
  return { ...t, parent };
}

describe("a key creating keys", () => {
  it("with an expiry cannot create one without (it inherits the parent's expiry) or one that lives longer", async () => {
    const expiresAt = new Date(Date.now() + 24 * HOUR);
    const { parent } = await tenantWithKey(["keys:manage", "calls:read"], { expiresAt });

    const inherited = await withKey(parent.key, "POST", "/api/v1/api-keys", { name: "child", scopes: ["calls:read"] });
    expect(inherited.status).toBe(201);
    expect(new Date(inherited.json.data.expiresAt!).getTime()).toBe(expiresAt.getTime());

    const longer = await withKey(parent.key, "POST", "/api/v1/api-keys", {
      name: "child",
      scopes: ["calls:read"],
      expiresAt: new Date(Date.now() + 48 * HOUR).toISOString(),
    });
    expect(longer.status).toBe(403);
    expect(longer.json.error?.message).toMatch(/outlives/);

    const shorter = await withKey(parent.key, "POST", "/api/v1/api-keys", {
      name: "child",
      scopes: ["calls:read"],
      expiresAt: new Date(Date.now() + HOUR).toISOString(),
    });
    expect(shorter.status).toBe(201);

    const wider = await withKey(parent.key, "POST", "/api/v1/api-keys", { name: "child", scopes: ["calls:write"] });
    expect(wider.status).toBe(403);
  });
});

describe("a key in its rotation grace period", () => {
  it("keeps its reads and can create, rotate or revoke nothing (edge and service refuse)", async () => {
    const { parent, companyId, user } = await tenantWithKey(["keys:manage", "calls:read"]);
    const other = await createApiKey({ companyId, actor: owner(user.id), name: "other", scopes: ["calls:read"] });
    await rotateApiKey({ companyId, actor: owner(user.id), id: parent.id, gracePeriodSeconds: 3600 });

    expect((await withKey(parent.key, "GET", "/api/v1/api-keys")).status).toBe(200);
    const created = await withKey(parent.key, "POST", "/api/v1/api-keys", { name: "escape", scopes: ["calls:read"] });
    expect(created.status).toBe(403);
    expect(created.json.error?.message).toMatch(/grace period/);
    expect((await withKey(parent.key, "POST", `/api/v1/api-keys/${other.id}/rotate`, {}, { id: other.id })).status).toBe(403);
    expect((await withKey(parent.key, "DELETE", `/api/v1/api-keys/${other.id}`, undefined, { id: other.id })).status).toBe(403);

    // The services refuse too (a caller that is not the edge, e.g. a job acting for the key).
    const asKey: Actor = { ...owner(user.id), userId: null, role: null, apiKeyId: parent.id, scopes: ["keys:manage", "calls:read"] };
    await expect(createApiKey({ companyId, actor: asKey, name: "escape", scopes: ["calls:read"] })).rejects.toMatchObject({ status: 403 });
    await expect(revokeApiKey({ companyId, actor: asKey, id: other.id })).rejects.toMatchObject({ status: 403 });
  });
});

describe("rotating and revoking need scopes covering the target", () => {
  it("a keys:manage-only key cannot revoke or rotate a broader key, but can a key within its scopes", async () => {
    const { parent, companyId, user } = await tenantWithKey(["keys:manage"]);
    const broader = await createApiKey({ companyId, actor: owner(user.id), name: "broad", scopes: ["keys:manage", "calls:read"] });
    const narrow = await createApiKey({ companyId, actor: owner(user.id), name: "narrow", scopes: ["keys:manage"] });

    const revokeBroad = await withKey(parent.key, "DELETE", `/api/v1/api-keys/${broader.id}`, undefined, { id: broader.id });
    expect(revokeBroad.status).toBe(403);
    expect((await withKey(broader.key, "GET", "/api/v1/api-keys")).status).toBe(200);
    expect((await withKey(parent.key, "POST", `/api/v1/api-keys/${broader.id}/rotate`, {}, { id: broader.id })).status).toBe(403);

    expect((await withKey(parent.key, "DELETE", `/api/v1/api-keys/${narrow.id}`, undefined, { id: narrow.id })).status).toBe(200);
  });

  it("a key with an expiry cannot rotate a non-expiring key (the new key would outlive it)", async () => {
    const { parent, companyId, user } = await tenantWithKey(["keys:manage", "calls:read"], { expiresAt: new Date(Date.now() + 24 * HOUR) });
    const forever = await createApiKey({ companyId, actor: owner(user.id), name: "forever", scopes: ["calls:read"] });
    const res = await withKey(parent.key, "POST", `/api/v1/api-keys/${forever.id}/rotate`, {}, { id: forever.id });
    expect(res.status).toBe(403);
    expect(res.json.error?.message).toMatch(/outlives/);
  });
});

describe("the per-tier cap", () => {
  it("counts keys in their grace period: at the FREE cap a rotation with grace is refused, one without grace replaces", async () => {
    const t = await seedTenant({ role: "owner", tier: "FREE" });
    const actor = owner(t.user.id);
    const keys = [];
    for (let i = 0; i < 5; i++) keys.push(await createApiKey({ companyId: t.companyId, actor, name: `k${i}`, scopes: ["calls:read"] }));

    await expect(rotateApiKey({ companyId: t.companyId, actor, id: keys[0]!.id, gracePeriodSeconds: 3600 })).rejects.toMatchObject({
      status: 409,
      details: { resource: "apiKeys", limit: 5, active: 5 },
    });
    const replaced = await rotateApiKey({ companyId: t.companyId, actor, id: keys[0]!.id, gracePeriodSeconds: 0 });
    expect(await countActiveApiKeys(getDb(), t.companyId, new Date())).toBe(5);

    // Below the cap a chain of rotations in grace still stops at it.
    await revokeApiKey({ companyId: t.companyId, actor, id: keys[1]!.id });
    const next = await rotateApiKey({ companyId: t.companyId, actor, id: replaced.id, gracePeriodSeconds: 3600 });
    await expect(rotateApiKey({ companyId: t.companyId, actor, id: next.id, gracePeriodSeconds: 3600 })).rejects.toMatchObject({
      status: 409,
    });
    await expect(createApiKey({ companyId: t.companyId, actor, name: "sixth", scopes: ["calls:read"] })).rejects.toMatchObject({
      status: 409,
    });
  });
});

describe("the 401 for a bad key", () => {
  it("is one message for unknown, revoked and expired keys; the reason goes only to the log", async () => {
    const t = await seedTenant({ role: "owner" });
    const actor = owner(t.user.id);
    const revoked = await createApiKey({ companyId: t.companyId, actor, name: "revoked", scopes: ["keys:manage"] });
    await revokeApiKey({ companyId: t.companyId, actor, id: revoked.id });
    const past = new Date(Date.now() - 2 * HOUR);
    const expired = await createApiKey({
      companyId: t.companyId,
      actor,
      name: "expired",
      scopes: ["keys:manage"],
      now: past,
      expiresAt: new Date(past.getTime() + HOUR),
    });

    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const answers = [];
      for (const key of [`sb_live_${"Z".repeat(32)}`, revoked.key, expired.key]) {
        const res = await withKey(key, "GET", "/api/v1/api-keys");
        answers.push({ status: res.status, code: res.json.error?.code, message: res.json.error?.message });
      }
      expect(answers[0]).toEqual({ status: 401, code: "unauthorized", message: "This API key is not valid." });
      expect(answers[1]).toEqual(answers[0]);
      expect(answers[2]).toEqual(answers[0]);
      const logged = warn.mock.calls.map((c) => JSON.parse(String(c[0])) as { reason: string; keyHash: string });
      expect(logged.map((l) => l.reason)).toEqual(["key_unknown", "key_revoked", "key_expired"]);
      for (const line of logged) expect(line.keyHash).toMatch(/^[0-9a-f]{12}$/);
    } finally {
      warn.mockRestore();
    }
  });
});

describe("a key does not outlive its creator's access (security review item 2)", () => {
  /** An admin of a company who made keys: one with keys:manage (an admin's scope), one a member could make too. */
  async function adminWithKeys() {
    const t = await seedTenant({ role: "owner", tier: "PRO" });
    const admin = await seedUser();
    await seedMembership(t.companyId, admin.id, "admin");
    const asAdmin: Actor = { ...owner(admin.id), role: "admin" };
    const manager = await createApiKey({ companyId: t.companyId, actor: asAdmin, name: "manager", scopes: ["keys:manage", "calls:read"] });
    const reader = await createApiKey({ companyId: t.companyId, actor: asAdmin, name: "reader", scopes: ["calls:read"] });
    // Used once first, so the edge holds its record in Redis: the refusal below must come from the write-through.
    expect((await withKey(manager.key, "GET", "/api/v1/api-keys")).status).toBe(200);
    const revokedAt = async (id: string) => (await getDb().select().from(apiKeys).where(eq(apiKeys.id, id)))[0]!.revokedAt;
    return { ...t, admin, manager, reader, revokedAt, asOwner: owner(t.user.id) };
  }

  it("removing the creator revokes every key they made at once: it neither reads nor creates keys", async () => {
    const t = await adminWithKeys();
    await removeMember({ companyId: t.companyId, userId: t.admin.id, actor: t.asOwner });
    expect((await withKey(t.manager.key, "GET", "/api/v1/api-keys")).status).toBe(401);
    expect((await withKey(t.manager.key, "POST", "/api/v1/api-keys", { name: "escape", scopes: ["calls:read"] })).status).toBe(401);
    expect(await t.revokedAt(t.manager.id)).not.toBeNull();
    expect(await t.revokedAt(t.reader.id)).not.toBeNull();
  });

  it("demoting the creator revokes the keys holding a scope the new role cannot grant, and keeps the others", async () => {
    const t = await adminWithKeys();
    await changeMemberRole({ companyId: t.companyId, userId: t.admin.id, role: "member", actor: t.asOwner });
    expect((await withKey(t.manager.key, "GET", "/api/v1/api-keys")).status).toBe(401);
    expect((await withKey(t.manager.key, "POST", "/api/v1/api-keys", { name: "escape", scopes: ["calls:read"] })).status).toBe(401);
    expect(await t.revokedAt(t.manager.id)).not.toBeNull();
    expect(await t.revokedAt(t.reader.id)).toBeNull();
    // Another key of the company (the owner's) is untouched.
    const ownerKey = await createApiKey({ companyId: t.companyId, actor: t.asOwner, name: "owner", scopes: ["keys:manage"] });
    await changeMemberRole({ companyId: t.companyId, userId: t.admin.id, role: "viewer", actor: t.asOwner });
    expect(await t.revokedAt(t.reader.id)).toBeNull();
    expect((await withKey(ownerKey.key, "GET", "/api/v1/api-keys")).status).toBe(200);
  });
});
