import { and, eq } from "drizzle-orm";
import { SignJWT } from "jose";
import { afterAll, describe, expect, it } from "vitest";
import { POST as REFRESH } from "@/app/api/v1/auth/refresh/route";
import { POST as TOKEN } from "@/app/api/v1/auth/token/route";
import { signAccessToken, verifyAccessToken } from "@/lib/auth/access-token";
import { hashToken } from "@/lib/auth/hash-token";
import { closeDb, getDb } from "@/lib/db/client";
import { auditLog } from "@/lib/db/schema/audit-log";
import { memberships } from "@/lib/db/schema/memberships";
import { refreshTokens } from "@/lib/db/schema/refresh-tokens";
import { users } from "@/lib/db/schema/users";
import { issueTokens } from "@/lib/services/auth/issue-tokens";
import { rotateRefreshToken } from "@/lib/services/auth/rotate-refresh-token";
import { seedCompany, seedMembership, seedTenant, seedUser } from "../helpers/seed-rows";
import { signedRequest } from "../helpers/signed-request";

afterAll(async () => {
  await closeDb();
});

interface Pair {
  accessToken: string;
  refreshToken: string;
  tokenType: string;
  expiresIn: number;
}
type Body = { data: Pair; error?: { code: string; message: string; details?: unknown } };

async function post(route: typeof TOKEN, path: string, body: unknown) {
  const res = await route(await signedRequest(path, { method: "POST", caller: {}, body }));
  return { res, json: (await res.json()) as Body };
}
const token = (body: unknown) => post(TOKEN, "/api/v1/auth/token", body);
const refresh = (refreshToken: string) => post(REFRESH, "/api/v1/auth/refresh", { refreshToken });
const tokenRow = async (refreshToken: string) =>
  (
    await getDb()
      .select()
      .from(refreshTokens)
      .where(eq(refreshTokens.tokenHash, await hashToken(refreshToken)))
  )[0];

describe("POST /api/v1/auth/token", () => {
  it("issues a 15-minute access JWT and a refresh token stored only as its hash", async () => {
    const t = await seedTenant({ role: "admin" });
    const { res, json } = await token({ email: t.user.email, password: t.user.password });
    expect(res.status).toBe(200);
    expect(json.data).toMatchObject({ tokenType: "Bearer", expiresIn: 900 });

    const claims = await verifyAccessToken(json.data.accessToken);
    expect(claims).toMatchObject({ sub: t.user.id, cid: t.companyId, role: "admin", pa: false });
    expect(claims!.exp - claims!.iat).toBe(900);

    expect(json.data.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = await tokenRow(json.data.refreshToken);
    expect(row).toMatchObject({ userId: t.user.id, companyId: t.companyId, revokedAt: null, ip: "203.0.113.7" });
    expect(claims!.sid).toBe(row!.familyId);
    expect(JSON.stringify(row)).not.toContain(json.data.refreshToken);
    // A new family lives as long as a dashboard session may (the absolute maximum), counted from this sign-in.
    expect(row!.expiresAt.getTime() - row!.familyStartedAt.getTime()).toBe(7 * 86_400_000);
    expect(row!.expiresAt.getTime() - Date.now()).toBeGreaterThan(6 * 86_400_000);
  });

  it("acts for the company asked for; a company the person is not in is refused like bad credentials", async () => {
    const t = await seedTenant({ role: "owner" });
    const second = await seedCompany();
    await seedMembership(second, t.user.id, "viewer");
    const picked = await token({ email: t.user.email.toUpperCase(), password: t.user.password, companyId: second });
    expect(picked.res.status).toBe(200);
    expect(await verifyAccessToken(picked.json.data.accessToken)).toMatchObject({ cid: second, role: "viewer" });

    const stranger = await seedCompany();
    const refused = await token({ email: t.user.email, password: t.user.password, companyId: stranger });
    expect(refused.res.status).toBe(401);
  });

  it("answers one generic 401 for a wrong password, an unknown email and a disabled account", async () => {
    const t = await seedTenant();
    const disabled = await seedUser({ disabled: true });
    await seedMembership(t.companyId, disabled.id, "member");

    const wrong = await token({ email: t.user.email, password: "not the password" });
    const unknown = await token({ email: "nobody-here@test.local", password: "whatever" });
    const off = await token({ email: disabled.email, password: disabled.password });
    for (const r of [wrong, unknown, off]) {
      expect(r.res.status).toBe(401);
      expect(r.json.error).toMatchObject({ code: "unauthorized", message: "Email or password is incorrect." });
    }
  });

  it("validates the body (400) and needs JSON (415)", async () => {
    expect((await token({ email: "not-an-email", password: "x" })).res.status).toBe(400);
    const res = await TOKEN(
      await signedRequest("/api/v1/auth/token", {
        method: "POST",
        caller: {},
        body: "email=a",
        headers: { "content-type": "application/x-www-form-urlencoded" },
      }),
    );
    expect(res.status).toBe(415);
  });
});

describe("POST /api/v1/auth/refresh", () => {
  it("rotates: a new pair, the old token revoked and pointing at its successor", async () => {
    const t = await seedTenant({ role: "member" });
    const first = (await token({ email: t.user.email, password: t.user.password })).json.data;
    const { res, json } = await refresh(first.refreshToken);
    expect(res.status).toBe(200);
    expect(json.data.refreshToken).not.toBe(first.refreshToken);

    const oldRow = (await tokenRow(first.refreshToken))!;
    const newRow = (await tokenRow(json.data.refreshToken))!;
    expect(oldRow.revokedAt).not.toBeNull();
    expect(oldRow.replacedBy).toBe(newRow.id);
    expect(newRow.familyId).toBe(oldRow.familyId);
    expect(await verifyAccessToken(json.data.accessToken)).toMatchObject({
      sub: t.user.id,
      cid: t.companyId,
      role: "member",
      sid: oldRow.familyId,
    });
  });

  it("detects reuse: an already-rotated token revokes the whole family (401) and is audited", async () => {
    const t = await seedTenant();
    const first = (await token({ email: t.user.email, password: t.user.password })).json.data;
    const second = (await refresh(first.refreshToken)).json.data;

    const reused = await refresh(first.refreshToken);
    expect(reused.res.status).toBe(401);
    expect(reused.json.error?.code).toBe("unauthorized");
    // The legitimate successor dies with the family.
    expect((await refresh(second.refreshToken)).res.status).toBe(401);
    const family = (await tokenRow(first.refreshToken))!.familyId;
    const rows = await getDb().select().from(refreshTokens).where(eq(refreshTokens.familyId, family));
    expect(rows.length).toBe(2);
    expect(rows.every((r) => r.revokedAt !== null)).toBe(true);
    const audits = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, family), eq(auditLog.action, "refresh_token.reuse_detected")));
    expect(audits).toHaveLength(1);
  });

  it("lets exactly one of two concurrent uses of one token win", async () => {
    const t = await seedTenant();
    const first = (await token({ email: t.user.email, password: t.user.password })).json.data;
    const results = await Promise.allSettled([
      rotateRefreshToken({ refreshToken: first.refreshToken }),
      rotateRefreshToken({ refreshToken: first.refreshToken }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected")).toHaveLength(1);
  });

  it("refuses a person removed from the company or disabled, and an expired or unknown token", async () => {
    const removed = await seedTenant();
    const a = (await token({ email: removed.user.email, password: removed.user.password })).json.data;
    await getDb().delete(memberships).where(eq(memberships.userId, removed.user.id));
    expect((await refresh(a.refreshToken)).res.status).toBe(401);
    expect((await tokenRow(a.refreshToken))!.revokedAt).not.toBeNull();

    const disabled = await seedTenant();
    const b = (await token({ email: disabled.user.email, password: disabled.user.password })).json.data;
    await getDb().update(users).set({ disabledAt: new Date() }).where(eq(users.id, disabled.user.id));
    expect((await refresh(b.refreshToken)).res.status).toBe(401);

    const expiring = await seedTenant();
    const c = await issueTokens({ email: expiring.user.email, password: expiring.user.password });
    await expect(rotateRefreshToken({ refreshToken: c.refreshToken, now: new Date(Date.now() + 31 * 86_400_000) })).rejects.toMatchObject({
      status: 401,
    });
    expect((await tokenRow(c.refreshToken))!.revokedAt).toBeNull();

    expect((await refresh("definitely-not-a-token")).res.status).toBe(401);
  });

  it("puts the current role in the refreshed access token", async () => {
    const t = await seedTenant({ role: "viewer" });
    const first = (await token({ email: t.user.email, password: t.user.password })).json.data;
    await getDb().update(memberships).set({ role: "admin" }).where(eq(memberships.userId, t.user.id));
    const next = (await refresh(first.refreshToken)).json.data;
    expect((await verifyAccessToken(next.accessToken))?.role).toBe("admin");
  });
});

describe("access tokens", () => {
  const claims = { sub: "usr_1", cid: "co_1", role: "owner" as const, pa: false, sid: "rt_1", gen: 0 };

  it("expire after 15 minutes", async () => {
    const issued = new Date(Date.now() - 16 * 60_000);
    const jwt = await signAccessToken(claims, { now: issued });
    expect(await verifyAccessToken(jwt, { now: new Date(issued.getTime() + 14 * 60_000) })).toMatchObject(claims);
    expect(await verifyAccessToken(jwt)).toBeNull();
  });

  it("refuse tampering, another secret, another algorithm and other JWT types", async () => {
    const jwt = await signAccessToken(claims);
    const [h, p, s] = jwt.split(".");
    const forgedPayload = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(p!, "base64url").toString()), role: "owner", pa: true }),
    ).toString("base64url");
    expect(await verifyAccessToken(`${h}.${forgedPayload}.${s}`)).toBeNull();
    expect(await verifyAccessToken(await signAccessToken(claims, { secret: "another-secret-0123456789abcdef0123456789" }))).toBeNull();

    const none = `${Buffer.from(JSON.stringify({ alg: "none", typ: "at+jwt" })).toString("base64url")}.${p}.`;
    expect(await verifyAccessToken(none)).toBeNull();

    // A plain JWT with the right claims but signed with the raw NEXTAUTH_SECRET (not the derived key).
    const raw = await new SignJWT({ cid: "co_1", role: "owner", pa: true, sid: "x" })
      .setProtectedHeader({ alg: "HS256", typ: "at+jwt" })
      .setSubject("usr_1")
      .setIssuer("switchboard")
      .setAudience("switchboard-api")
      .setIssuedAt()
      .setExpirationTime("5m")
      .setJti("j")
      .sign(new TextEncoder().encode(process.env.NEXTAUTH_SECRET!));
    expect(await verifyAccessToken(raw)).toBeNull();
    expect(await verifyAccessToken("")).toBeNull();
  });
});
