import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listKeys } from "@/app/api/v1/api-keys/route";
import { POST as accept } from "@/app/api/v1/invites/accept/route";
import { DELETE as revokeRoute } from "@/app/api/v1/team/invites/[id]/route";
import { POST as resendRoute } from "@/app/api/v1/team/invites/[id]/resend/route";
import { GET as listInvitesRoute, POST as inviteRoute } from "@/app/api/v1/team/invites/route";
import { DELETE as removeRoute, PATCH as patchRoute } from "@/app/api/v1/team/members/[userId]/route";
import { POST as transferRoute } from "@/app/api/v1/team/members/[userId]/transfer-ownership/route";
import { GET as membersRoute } from "@/app/api/v1/team/members/route";
import { GET as permissionsRoute } from "@/app/api/v1/team/permissions/route";
import { ROLE_PERMISSIONS } from "@/lib/auth/permissions";
import type { Role } from "@/lib/auth/roles";
import { closeDb, getDb } from "@/lib/db/client";
import { apiKeys } from "@/lib/db/schema/api-keys";
import { auditLog } from "@/lib/db/schema/audit-log";
import { invites } from "@/lib/db/schema/invites";
import { memberships } from "@/lib/db/schema/memberships";
import { users } from "@/lib/db/schema/users";
import { createApiKey } from "@/lib/services/api-keys/create-api-key";
import type { Actor } from "@/lib/services/audit/actor-from-caller";
import { createInvite } from "@/lib/services/team/create-invite";
import { throughGateway } from "../helpers/gateway-harness";
import { edgeRequest, sessionCookie, startCountingOrigin, tokenPair } from "../helpers/gateway-requests";
import { inviteTokenFromEmail } from "../helpers/invite-token";
import { seedMembership, seedTenant, seedUser, TEST_PASSWORD } from "../helpers/seed-rows";
import { apiKeyCaller, personCaller, routeParams, signedRequest, type TestCaller } from "../helpers/signed-request";

/** Issue 12 §3: members, roles, invites, accepting, the permission matrix. */

let origin: Awaited<ReturnType<typeof startCountingOrigin>>;
beforeAll(async () => {
  origin = await startCountingOrigin();
});
afterAll(async () => {
  await origin.close();
  await closeDb();
});

type Body = {
  data?: Record<string, unknown> & Array<Record<string, unknown>>;
  error?: { code: string; message: string; details?: unknown };
};
const json = async (res: Response) => ({ status: res.status, ...((await res.json()) as Body) });

const NEW_PASSWORD = "a-long-new-passphrase-9";

async function company(opts: { tier?: "FREE" | "PRO"; limitOverrides?: Record<string, Record<string, number>> } = {}) {
  const t = await seedTenant({ role: "owner", tier: opts.tier ?? "PRO", limitOverrides: opts.limitOverrides });
  const person = async (role: Role) => {
    const u = await seedUser();
    await seedMembership(t.companyId, u.id, role);
    return { ...u, caller: personCaller({ userId: u.id, companyId: t.companyId, role }) };
  };
  return { ...t, owner: { ...t.user, caller: personCaller({ userId: t.user.id, companyId: t.companyId, role: "owner" }) }, person };
}

const patch = async (caller: TestCaller, userId: string, role: string) =>
  json(
    await patchRoute(
      await signedRequest(`/api/v1/team/members/${userId}`, { method: "PATCH", caller, body: { role } }),
      routeParams({ userId }),
    ),
  );
const remove = async (caller: TestCaller, userId: string) =>
  json(await removeRoute(await signedRequest(`/api/v1/team/members/${userId}`, { method: "DELETE", caller }), routeParams({ userId })));
const transfer = async (caller: TestCaller, userId: string) =>
  json(
    await transferRoute(
      await signedRequest(`/api/v1/team/members/${userId}/transfer-ownership`, { method: "POST", caller }),
      routeParams({ userId }),
    ),
  );
const invite = async (caller: TestCaller, email: string, role: string) =>
  json(await inviteRoute(await signedRequest("/api/v1/team/invites", { method: "POST", caller, body: { email, role } })));
const acceptAs = async (body: Record<string, unknown>, caller: TestCaller | null = {}) =>
  json(await accept(await signedRequest("/api/v1/invites/accept", { method: "POST", caller: caller ?? {}, body })));
const roleOf = async (companyId: string, userId: string) =>
  (
    await getDb()
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.companyId, companyId), eq(memberships.userId, userId)))
  )[0]?.role ?? null;
const email = (tag: string) => `${tag}.${Math.random().toString(36).slice(2, 10)}@invited.test`;

describe("members and the permission matrix", () => {
  it("lists the company's people only; a viewer reads them (team:read), a key without the scope is refused", async () => {
    const c = await company();
    const viewer = await c.person("viewer");
    const other = await company();
    const res = await json(await membersRoute(await signedRequest("/api/v1/team/members", { caller: viewer.caller })));
    expect(res.status).toBe(200);
    const ids = res.data!.map((m) => m.userId);
    expect(ids).toEqual([c.owner.id, viewer.id]);
    expect(ids).not.toContain(other.owner.id);
    expect(res.data![0]).toMatchObject({ role: "owner", email: c.owner.email, disabled: false });
    expect(JSON.stringify(res.data)).not.toMatch(/passwordHash|sessionGeneration/);

    const key = apiKeyCaller({ keyId: "key_01JTEST0000000000000000000", companyId: c.companyId, scopes: ["calls:read"] });
    expect((await membersRoute(await signedRequest("/api/v1/team/members", { caller: key }))).status).toBe(403);
  });

  it("the matrix is the one the API enforces", async () => {
    const c = await company();
    const res = await json(await permissionsRoute(await signedRequest("/api/v1/team/permissions", { caller: c.owner.caller })));
    expect(res.status).toBe(200);
    const data = res.data as unknown as { roles: string[]; grants: Record<string, string[]> };
    expect(data.roles).toEqual(["owner", "admin", "member", "viewer"]);
    expect(data.grants.viewer).toEqual([...ROLE_PERMISSIONS.viewer]);
    expect(data.grants.owner).toContain("billing:manage");
    expect(data.grants.admin).not.toContain("billing:manage");
    expect(data.grants.member).not.toContain("team:manage");
  });
});

describe("role changes", () => {
  it("nobody grants above their own role or changes someone above them", async () => {
    const c = await company();
    const admin = await c.person("admin");
    const member = await c.person("member");
    const peer = await c.person("admin");

    expect(await patch(admin.caller, member.id, "owner")).toMatchObject({ status: 403 });
    expect(await patch(admin.caller, c.owner.id, "viewer")).toMatchObject({ status: 403 });
    expect(await roleOf(c.companyId, c.owner.id)).toBe("owner");
    // A member has no team:manage at all.
    expect(await patch(member.caller, peer.id, "viewer")).toMatchObject({ status: 403 });
    // An admin may promote up to admin and change another admin.
    expect(await patch(admin.caller, member.id, "admin")).toMatchObject({ status: 200, data: { role: "admin", changed: true } });
    expect(await patch(admin.caller, peer.id, "viewer")).toMatchObject({ status: 200, data: { role: "viewer" } });
    // A key speaks for at most an admin, never for an owner's changes.
    const key = apiKeyCaller({ keyId: "key_01JTEST0000000000000000001", companyId: c.companyId, scopes: ["team:manage"] });
    expect(await patch(key, peer.id, "owner")).toMatchObject({ status: 403 });

    const audit = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, member.id), eq(auditLog.action, "member.role_changed")));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.metadata).toEqual({ from: "member", to: "admin" });
  });

  it("the last owner can be neither demoted nor removed; with a second owner both work", async () => {
    const c = await company();
    expect(await patch(c.owner.caller, c.owner.id, "admin")).toMatchObject({ status: 409 });
    expect(await remove(c.owner.caller, c.owner.id)).toMatchObject({ status: 409 });
    const second = await c.person("admin");
    expect(await patch(c.owner.caller, second.id, "owner")).toMatchObject({ status: 200 });
    expect(await patch(c.owner.caller, c.owner.id, "admin")).toMatchObject({ status: 200 });
    expect(await roleOf(c.companyId, c.owner.id)).toBe("admin");
  });

  it("an owner transfers ownership: the member becomes owner, the owner admin, audited; nobody else can", async () => {
    const c = await company();
    const admin = await c.person("admin");
    const member = await c.person("member");
    expect(await transfer(admin.caller, member.id)).toMatchObject({ status: 403 });
    expect(await transfer(c.owner.caller, c.owner.id)).toMatchObject({ status: 409 });
    const done = await transfer(c.owner.caller, member.id);
    expect(done).toMatchObject({
      status: 200,
      data: { ownerUserId: member.id, previousOwnerUserId: c.owner.id, previousOwnerRole: "admin" },
    });
    expect(await roleOf(c.companyId, member.id)).toBe("owner");
    expect(await roleOf(c.companyId, c.owner.id)).toBe("admin");
    const [row] = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.companyId, c.companyId), eq(auditLog.action, "company.ownership_transferred")));
    expect(row).toMatchObject({ actorUserId: c.owner.id, targetId: member.id });
  });

  it("another company's member is a 404 for a role change, a removal and a transfer", async () => {
    const c = await company();
    const other = await company();
    const stranger = await other.person("member");
    expect(await patch(c.owner.caller, stranger.id, "viewer")).toMatchObject({ status: 404 });
    expect(await remove(c.owner.caller, stranger.id)).toMatchObject({ status: 404 });
    expect(await transfer(c.owner.caller, stranger.id)).toMatchObject({ status: 404 });
    expect(await roleOf(other.companyId, stranger.id)).toBe("member");
  });

  it("a removed member's cookie and bearer token are refused on the next request; their keys are revoked and still name their creator", async () => {
    const c = await company();
    const admin = await c.person("admin");
    const cookie = await sessionCookie({ userId: admin.id, companyId: c.companyId, role: "admin" });
    const pair = await tokenPair(admin.email, admin.password, origin.origin);
    expect(pair.status).toBe(200);
    const asAdmin: Actor = {
      userId: admin.id,
      apiKeyId: null,
      role: "admin",
      scopes: null,
      isPlatformAdmin: false,
      ip: null,
      requestId: null,
    };
    const key = await createApiKey({ companyId: c.companyId, actor: asAdmin, name: "CI", scopes: ["calls:read"] });
    const viaCookie = () =>
      throughGateway(edgeRequest("/api/v1/api-keys", { headers: { cookie } }), listKeys, { internalOrigin: origin.origin });
    const viaBearer = () =>
      throughGateway(edgeRequest("/api/v1/api-keys", { headers: { authorization: `Bearer ${pair.data.accessToken}` } }), listKeys, {
        internalOrigin: origin.origin,
      });
    expect((await viaCookie()).status).toBe(200);
    expect((await viaBearer()).status).toBe(200);

    expect(await remove(c.owner.caller, admin.id)).toMatchObject({ status: 200, data: { userId: admin.id, removed: true } });
    expect((await viaCookie()).status).toBe(401);
    expect((await viaBearer()).status).toBe(401);
    expect(await roleOf(c.companyId, admin.id)).toBeNull();
    const [row] = await getDb().select().from(apiKeys).where(eq(apiKeys.id, key.id));
    expect(row!.revokedAt).not.toBeNull();
    expect(row!.createdBy).toBe(admin.id);
    const [audit] = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, admin.id), eq(auditLog.action, "member.removed")));
    expect(audit).toMatchObject({ actorUserId: c.owner.id });
  });
});

describe("invites", () => {
  it("an invite stores only the token's hash, lives 7 days, and its email carries the link", async () => {
    const c = await company();
    const to = email("new");
    const res = await invite(c.owner.caller, to.toUpperCase(), "member");
    expect(res.status).toBe(201);
    expect(res.data).toMatchObject({ email: to, role: "member", status: "pending", invitedBy: c.owner.id, emailQueued: true });
    const id = res.data!.id as string;
    const mail = await inviteTokenFromEmail(id);
    expect(mail.to).toBe(to);
    expect(mail.acceptUrl).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
    const [row] = await getDb().select().from(invites).where(eq(invites.id, id));
    expect(row!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(mail.token);
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBe(7 * 24 * 3600 * 1000);
    expect(JSON.stringify(res)).not.toContain(row!.tokenHash);

    const list = await json(await listInvitesRoute(await signedRequest("/api/v1/team/invites", { caller: c.owner.caller })));
    expect(list.data!.map((i) => i.id)).toEqual([id]);
    // The same email again, or a member's email: 409 on the email field.
    expect(await invite(c.owner.caller, to, "viewer")).toMatchObject({ status: 409, error: { details: [{ field: "email" }] } });
    expect(await invite(c.owner.caller, c.owner.email, "viewer")).toMatchObject({ status: 409 });
  });

  it("an Idempotency-Key makes a retried invite answer the first one (one invite, one email); another body with it is 409", async () => {
    const c = await company();
    const to = email("retry");
    const send = async (body: Record<string, unknown>) =>
      json(
        await inviteRoute(
          await signedRequest("/api/v1/team/invites", {
            method: "POST",
            caller: c.owner.caller,
            body,
            headers: { "idempotency-key": `k-${to}` },
          }),
        ),
      );
    const first = await send({ email: to, role: "viewer" });
    const again = await send({ email: to, role: "viewer" });
    expect(first.status).toBe(201);
    expect(again).toMatchObject({ status: 201, data: { id: first.data!.id, email: to } });
    expect(await send({ email: to, role: "member" })).toMatchObject({ status: 409 });
    expect((await getDb().select().from(invites).where(eq(invites.email, to))).length).toBe(1);
  });

  it("nobody invites above their own role; a member cannot invite at all", async () => {
    const c = await company();
    const admin = await c.person("admin");
    const member = await c.person("member");
    expect(await invite(admin.caller, email("x"), "owner")).toMatchObject({ status: 403 });
    expect(await invite(member.caller, email("x"), "viewer")).toMatchObject({ status: 403 });
    expect(await invite(admin.caller, email("x"), "admin")).toMatchObject({ status: 201 });
  });

  it("revoking and resending: the old link dies, the new one works; another company's invite is a 404", async () => {
    const c = await company();
    const other = await company();
    const to = email("resend");
    const first = await invite(c.owner.caller, to, "viewer");
    const firstId = first.data!.id as string;
    const { token: oldToken } = await inviteTokenFromEmail(firstId);

    const foreign = await resendRoute(
      await signedRequest(`/api/v1/team/invites/${firstId}/resend`, { method: "POST", caller: other.owner.caller }),
      routeParams({ id: firstId }),
    );
    expect(foreign.status).toBe(404);
    const foreignRevoke = await revokeRoute(
      await signedRequest(`/api/v1/team/invites/${firstId}`, { method: "DELETE", caller: other.owner.caller }),
      routeParams({ id: firstId }),
    );
    expect(foreignRevoke.status).toBe(404);

    const resent = await json(
      await resendRoute(
        await signedRequest(`/api/v1/team/invites/${firstId}/resend`, { method: "POST", caller: c.owner.caller }),
        routeParams({ id: firstId }),
      ),
    );
    expect(resent).toMatchObject({ status: 201, data: { email: to, role: "viewer", status: "pending" } });
    const newId = resent.data!.id as string;
    expect(newId).not.toBe(firstId);
    const { token: newToken } = await inviteTokenFromEmail(newId);
    expect(newToken).not.toBe(oldToken);

    expect(await acceptAs({ token: oldToken, name: "Old Link", password: NEW_PASSWORD })).toMatchObject({
      status: 409,
      error: { details: { reason: "revoked" } },
    });

    const revoked = await json(
      await revokeRoute(
        await signedRequest(`/api/v1/team/invites/${newId}`, { method: "DELETE", caller: c.owner.caller }),
        routeParams({ id: newId }),
      ),
    );
    expect(revoked).toMatchObject({ status: 200, data: { status: "revoked" } });
    expect(await acceptAs({ token: newToken, name: "New Link", password: NEW_PASSWORD })).toMatchObject({
      status: 409,
      error: { details: { reason: "revoked" } },
    });
    expect((await getDb().select().from(users).where(eq(users.email, to))).length).toBe(0);
  });
});

describe("accepting an invite", () => {
  it("a new person sets name and password, joins with the role, signs in with it; a second use is refused", async () => {
    const c = await company();
    const to = email("fresh");
    const created = await invite(c.owner.caller, to, "member");
    const { token } = await inviteTokenFromEmail(created.data!.id as string);

    // Signed out through the gateway: no 401, limited per IP (layer 1 headers).
    const res = await throughGateway(
      edgeRequest("/api/v1/invites/accept", { method: "POST", body: { token, name: "Nia Fresh", password: NEW_PASSWORD } }),
      accept,
      { internalOrigin: origin.origin },
    );
    const body = (await res.json()) as Body;
    expect(res.status).toBe(200);
    expect(res.headers.get("ratelimit-policy")).toContain("global");
    expect(body.data).toMatchObject({ companyId: c.companyId, role: "member", email: to, accountCreated: true });

    const [user] = await getDb().select().from(users).where(eq(users.email, to));
    expect(user).toMatchObject({ name: "Nia Fresh" });
    expect(user!.passwordHash).not.toContain(NEW_PASSWORD);
    expect(await roleOf(c.companyId, user!.id)).toBe("member");
    const pair = await tokenPair(to, NEW_PASSWORD, origin.origin);
    expect(pair.status).toBe(200);

    expect(await acceptAs({ token, name: "Again", password: NEW_PASSWORD })).toMatchObject({
      status: 409,
      error: { details: { reason: "accepted" } },
    });
    expect(await acceptAs({ token: "x".repeat(43), name: "Nobody", password: NEW_PASSWORD })).toMatchObject({ status: 404 });
  });

  it("a weak password or a missing name writes nothing (no half-made account)", async () => {
    const c = await company();
    const to = email("weak");
    const created = await invite(c.owner.caller, to, "viewer");
    const { token } = await inviteTokenFromEmail(created.data!.id as string);
    expect(await acceptAs({ token, name: "Weak", password: "short" })).toMatchObject({
      status: 400,
      error: { details: [{ field: "password" }] },
    });
    expect(await acceptAs({ token, password: NEW_PASSWORD })).toMatchObject({ status: 400, error: { details: [{ field: "name" }] } });
    expect((await getDb().select().from(users).where(eq(users.email, to))).length).toBe(0);
    const [row] = await getDb()
      .select()
      .from(invites)
      .where(eq(invites.id, created.data!.id as string));
    expect(row!.acceptedAt).toBeNull();
  });

  it("two acceptances of one link at once: exactly one joins", async () => {
    const c = await company();
    const to = email("race");
    const created = await invite(c.owner.caller, to, "viewer");
    const { token } = await inviteTokenFromEmail(created.data!.id as string);
    const results = await Promise.all([
      acceptAs({ token, name: "Racer A", password: NEW_PASSWORD }),
      acceptAs({ token, name: "Racer B", password: NEW_PASSWORD }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await getDb().select().from(users).where(eq(users.email, to))).length).toBe(1);
  });

  it("an existing account must prove it is theirs: signed in as it, or its password; signed in as someone else is refused", async () => {
    const c = await company();
    const other = await company();
    const existing = await seedUser();
    await seedMembership(other.companyId, existing.id, "admin");
    const created = await invite(c.owner.caller, existing.email, "admin");
    const { token } = await inviteTokenFromEmail(created.data!.id as string);

    expect(await acceptAs({ token, name: "Hijack", password: NEW_PASSWORD })).toMatchObject({
      status: 403,
      error: { details: [{ field: "password" }] },
    });
    expect(await acceptAs({ token })).toMatchObject({ status: 401, error: { details: { reason: "sign_in_required" } } });
    const someoneElse = personCaller({ userId: other.owner.id, companyId: other.companyId, role: "owner" });
    expect(await acceptAs({ token }, someoneElse)).toMatchObject({ status: 403, error: { details: { reason: "other_email" } } });
    expect(await roleOf(c.companyId, existing.id)).toBeNull();
    expect(await roleOf(c.companyId, other.owner.id)).toBeNull();

    // Signed in as the invited person (their session is for their other company): joins.
    const self = personCaller({ userId: existing.id, companyId: other.companyId, role: "admin" });
    expect(await acceptAs({ token }, self)).toMatchObject({ status: 200, data: { accountCreated: false, role: "admin" } });
    expect(await roleOf(c.companyId, existing.id)).toBe("admin");
    expect(await roleOf(other.companyId, existing.id)).toBe("admin");
  });

  it("an existing account joins with its password when signed out", async () => {
    const c = await company();
    const existing = await seedUser();
    const created = await invite(c.owner.caller, existing.email, "viewer");
    const { token } = await inviteTokenFromEmail(created.data!.id as string);
    expect(await acceptAs({ token, password: TEST_PASSWORD })).toMatchObject({ status: 200, data: { accountCreated: false } });
    expect(await roleOf(c.companyId, existing.id)).toBe("viewer");
  });

  it("an expired invite is refused with its reason", async () => {
    const c = await company();
    const asOwner: Actor = {
      userId: c.owner.id,
      apiKeyId: null,
      role: "owner",
      scopes: null,
      isPlatformAdmin: false,
      ip: null,
      requestId: null,
    };
    const old = await createInvite({
      companyId: c.companyId,
      email: email("late"),
      role: "member",
      actor: asOwner,
      now: new Date(Date.now() - 8 * 86_400_000),
    });
    const { token } = await inviteTokenFromEmail(old.id);
    expect(await acceptAs({ token, name: "Late", password: NEW_PASSWORD })).toMatchObject({
      status: 409,
      error: { details: { reason: "expired" } },
    });
  });
});

describe("layer 5: member cap and invites per hour", () => {
  it("members plus open invites cannot pass the tier's seats; an acceptance past the cap is refused", async () => {
    // FREE: 3 seats. The owner holds one.
    const c = await company({ tier: "FREE" });
    expect((await invite(c.owner.caller, email("a"), "member")).status).toBe(201);
    const b = await invite(c.owner.caller, email("b"), "member");
    expect(b.status).toBe(201);
    const third = await invite(c.owner.caller, email("c"), "member");
    expect(third).toMatchObject({ status: 409, error: { details: { resource: "members", limit: 3 } } });
    // A member added meanwhile (by another path) fills the last seat: the open invite cannot be accepted.
    const extra = await seedUser();
    await seedMembership(c.companyId, extra.id, "viewer");
    await seedMembership(c.companyId, (await seedUser()).id, "viewer");
    const { token } = await inviteTokenFromEmail(b.data!.id as string);
    expect(await acceptAs({ token, name: "Too Many", password: NEW_PASSWORD })).toMatchObject({
      status: 409,
      error: { details: { resource: "members" } },
    });
  });

  it("invites per hour is the gateway's resource layer: past it, 429 naming the layer and nothing created", async () => {
    const c = await company({ limitOverrides: { resource: { invites: 2 } } });
    const pair = await tokenPair(c.owner.email, c.owner.password, origin.origin);
    const send = (to: string) =>
      throughGateway(
        edgeRequest("/api/v1/team/invites", {
          method: "POST",
          headers: { authorization: `Bearer ${pair.data.accessToken}` },
          body: { email: to, role: "viewer" },
        }),
        inviteRoute,
        { internalOrigin: origin.origin },
      );
    expect((await send(email("h1"))).status).toBe(201);
    expect((await send(email("h2"))).status).toBe(201);
    const refused = await send(email("h3"));
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as Body).error?.details).toMatchObject({ layer: "resource" });
    expect((await getDb().select().from(invites).where(eq(invites.companyId, c.companyId))).length).toBe(2);
  });
});

describe("an invite never outlives its sender's access", () => {
  const inviteRow = async (id: string) => (await getDb().select().from(invites).where(eq(invites.id, id)))[0]!;

  it("removing a member revokes every invite they sent: the link answers 409 revoked and nobody joins", async () => {
    const c = await company();
    const rogue = await c.person("admin");
    const alt = email("rogue-alt");
    const created = await invite(rogue.caller, alt, "admin");
    expect(created.status).toBe(201);
    const { token } = await inviteTokenFromEmail(created.data!.id as string);
    const low = await invite(rogue.caller, email("rogue-low"), "viewer");
    expect((await remove(c.owner.caller, rogue.id)).status).toBe(200);
    expect((await inviteRow(created.data!.id as string)).revokedAt).not.toBeNull();
    expect((await inviteRow(low.data!.id as string)).revokedAt).not.toBeNull();
    const joined = await acceptAs({ token, name: "Rogue Alt", password: NEW_PASSWORD }, null);
    expect(joined.status).toBe(409);
    expect(joined.error!.details).toMatchObject({ reason: "revoked" });
    expect(await getDb().select({ id: users.id }).from(users).where(eq(users.email, alt))).toHaveLength(0);
  });

  it("demoting a member revokes their invites above the new role and keeps the rest", async () => {
    const c = await company();
    const demoted = await c.person("admin");
    const high = await invite(demoted.caller, email("demoted-high"), "admin");
    const mid = await invite(demoted.caller, email("demoted-mid"), "member");
    const low = await invite(demoted.caller, email("demoted-low"), "viewer");
    const { token } = await inviteTokenFromEmail(high.data!.id as string);
    expect((await patch(c.owner.caller, demoted.id, "viewer")).status).toBe(200);
    expect((await inviteRow(high.data!.id as string)).revokedAt).not.toBeNull();
    expect((await inviteRow(mid.data!.id as string)).revokedAt).not.toBeNull();
    expect((await inviteRow(low.data!.id as string)).revokedAt).toBeNull();
    const joined = await acceptAs({ token, name: "Alt", password: NEW_PASSWORD }, null);
    expect(joined.status).toBe(409);
    const audit = await getDb()
      .select({ action: auditLog.action, metadata: auditLog.metadata })
      .from(auditLog)
      .where(and(eq(auditLog.companyId, c.companyId), eq(auditLog.targetId, high.data!.id as string)));
    expect(audit).toContainEqual(
      expect.objectContaining({ action: "invite.revoked", metadata: expect.objectContaining({ reason: "inviter_role_changed" }) }),
    );
  });

  it("transferring ownership revokes the previous owner's owner invites, not their admin ones", async () => {
    const c = await company();
    const heir = await c.person("admin");
    const ownerInvite = await invite(c.owner.caller, email("owner-inv"), "owner");
    const adminInvite = await invite(c.owner.caller, email("admin-inv"), "admin");
    expect((await transfer(c.owner.caller, heir.id)).status).toBe(200);
    expect((await inviteRow(ownerInvite.data!.id as string)).revokedAt).not.toBeNull();
    expect((await inviteRow(adminInvite.data!.id as string)).revokedAt).toBeNull();
  });

  it("accepting refuses, 409 inviter_lost_access, an open invite whose sender left or now holds a lower role", async () => {
    const c = await company();
    const sender = await c.person("admin");
    const created = await invite(sender.caller, email("escaped"), "admin");
    const { token } = await inviteTokenFromEmail(created.data!.id as string);
    // A demotion that bypassed the service (the invite stays open): the accept path checks the sender itself.
    await getDb()
      .update(memberships)
      .set({ role: "member" })
      .where(and(eq(memberships.companyId, c.companyId), eq(memberships.userId, sender.id)));
    const refused = await acceptAs({ token, name: "Escaped", password: NEW_PASSWORD }, null);
    expect(refused.status).toBe(409);
    expect(refused.error!.details).toMatchObject({ reason: "inviter_lost_access" });
    expect(refused.error!.message).toMatch(/no longer invite you/);
    await getDb()
      .delete(memberships)
      .where(and(eq(memberships.companyId, c.companyId), eq(memberships.userId, sender.id)));
    expect((await acceptAs({ token, name: "Escaped", password: NEW_PASSWORD }, null)).error!.details).toMatchObject({
      reason: "inviter_lost_access",
    });
    // The sender's standing restored, the same link works: the refusal was about the sender only.
    await seedMembership(c.companyId, sender.id, "admin");
    expect((await acceptAs({ token, name: "Escaped", password: NEW_PASSWORD }, null)).status).toBe(200);
  });
});
