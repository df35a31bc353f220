import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listKeys } from "@/app/api/v1/api-keys/route";
import { authOptions } from "@/lib/auth/options";
import { SESSION_ABSOLUTE_MAX_SECONDS } from "@/lib/auth/session-policy";
import { closeDb, getDb } from "@/lib/db/client";
import { companies } from "@/lib/db/schema/companies";
import { users } from "@/lib/db/schema/users";
import { recordKeys } from "@/lib/gateway/records";
import { writeCompanyRecord } from "@/lib/gateway/sync/write-company-record";
import { getRedis, redisKey } from "@/lib/redis/client";
import { changeMemberRole } from "@/lib/services/team/change-member-role";
import { removeMember } from "@/lib/services/team/remove-member";
import type { Actor } from "@/lib/services/audit/actor-from-caller";
import { changePassword } from "@/lib/services/users/change-password";
import { disableUser } from "@/lib/services/users/disable-user";
import { throughGateway } from "../helpers/gateway-harness";
import { edgeRequest, sessionCookie, startCountingOrigin, tokenPair, type Envelope } from "../helpers/gateway-requests";
import { seedMembership, seedTenant, seedUser } from "../helpers/seed-rows";

/**
 * Issue 9 item 3 (sessions end for real, at the edge, in its one Redis trip) and item 6 (pages go
 * through the same decision as the API: session, suspension, limits; prefetches are not counted).
 */

let origin: Awaited<ReturnType<typeof startCountingOrigin>>;
beforeAll(async () => {
  origin = await startCountingOrigin();
});
afterAll(async () => {
  await origin.close();
  await closeDb();
});

const system: Actor = { userId: null, apiKeyId: null, role: "owner", scopes: null, isPlatformAdmin: true, ip: null, requestId: null };

/** Plays a page: echoes the cookie header it was given, so a test sees what the server component would. */
const page = async (req: Request) => Response.json({ cookie: req.headers.get("cookie") ?? "" });

async function api(cookie: string) {
  const res = await throughGateway(edgeRequest("/api/v1/api-keys", { headers: { cookie } }), listKeys, { internalOrigin: origin.origin });
  return { status: res.status, body: (await res.json()) as Partial<Envelope>, setCookie: res.headers.get("set-cookie") ?? "" };
}

async function view(path: string, cookie: string, headers: Record<string, string> = {}) {
  const res = await throughGateway(edgeRequest(path, { headers: { cookie, ...headers } }), page, { internalOrigin: origin.origin });
  return res;
}

/** An owner signed in now: the cookie their browser holds. */
async function signedIn(role: "owner" | "admin" | "member" = "owner") {
  const t = await seedTenant({ role, tier: "PRO" });
  const cookie = await sessionCookie({ userId: t.user.id, companyId: t.companyId, role });
  return { ...t, cookie };
}

describe("sign-out", () => {
  it("a cookie copied before sign-out is refused after it: 401 for the API, /signin for pages, the cookie deleted", async () => {
    const t = await signedIn();
    const copy = t.cookie;
    expect((await api(copy)).status).toBe(200);
    expect((await view("/dashboard", copy)).status).toBe(200);

    // next-auth's POST /api/auth/signout fires this event server-side.
    await authOptions().events!.signOut!({ token: { uid: t.user.id } as never, session: null as never });

    const refused = await api(copy);
    expect(refused.status).toBe(401);
    expect(refused.body.error?.message).toBe("Your session has ended. Sign in again.");
    expect(refused.setCookie).toMatch(/^next-auth\.session-token=; Path=\/; Max-Age=0/);

    const redirected = await view("/calls?status=missed", copy);
    expect(redirected.status).toBe(307);
    expect(redirected.headers.get("location")).toBe("http://localhost:3000/signin?callbackUrl=%2Fcalls%3Fstatus%3Dmissed");
    expect(redirected.headers.get("set-cookie")).toMatch(/next-auth\.session-token=; .*Max-Age=0/);

    // The sign-in page itself renders as for anyone signed out (no redirect loop): the dead cookie never reaches it.
    const signin = await view("/signin", `${copy}; theme=dark`);
    expect(signin.status).toBe(200);
    expect(((await signin.json()) as { cookie: string }).cookie).toBe("theme=dark");
    expect(signin.headers.get("set-cookie")).toMatch(/Max-Age=0/);
  });

  it("still refuses the copy after Redis lost the record (the miss path reloads the generation from MySQL)", async () => {
    const t = await signedIn();
    await authOptions().events!.signOut!({ token: { uid: t.user.id } as never, session: null as never });
    await getRedis().del(redisKey(recordKeys.user(t.user.id)));
    const before = origin.counter.resolves;
    expect((await api(t.cookie)).status).toBe(401);
    expect(origin.counter.resolves).toBe(before + 1);
    // A fresh sign-in carries the new generation and works.
    const [row] = await getDb().select({ gen: users.sessionGeneration }).from(users).where(eq(users.id, t.user.id));
    expect(row!.gen).toBe(1);
    expect((await api(await sessionCookie({ userId: t.user.id, companyId: t.companyId, role: "owner", gen: 1 }))).status).toBe(200);
  });
});

describe("changes that end a person's sessions", () => {
  it("a password change: the old cookie is refused, a session issued with the new generation works", async () => {
    const t = await signedIn();
    expect((await api(t.cookie)).status).toBe(200);
    const actor = { ...system, userId: t.user.id, isPlatformAdmin: false };
    await expect(
      changePassword({ userId: t.user.id, currentPassword: "wrong", newPassword: "a-new-long-password", actor }),
    ).rejects.toMatchObject({
      status: 403,
    });
    expect((await api(t.cookie)).status).toBe(200);
    const { generation } = await changePassword({
      userId: t.user.id,
      currentPassword: t.user.password,
      newPassword: "a-new-long-password",
      actor,
    });
    expect((await api(t.cookie)).status).toBe(401);
    expect((await api(await sessionCookie({ userId: t.user.id, companyId: t.companyId, role: "owner", gen: generation }))).status).toBe(
      200,
    );
  });

  it("a role change: the demoted admin's cookie is refused on the next request", async () => {
    const t = await signedIn("owner");
    const admin = await seedUser();
    await seedMembership(t.companyId, admin.id, "admin");
    const cookie = await sessionCookie({ userId: admin.id, companyId: t.companyId, role: "admin" });
    expect((await api(cookie)).status).toBe(200);
    await changeMemberRole({
      companyId: t.companyId,
      userId: admin.id,
      role: "viewer",
      actor: { ...system, userId: t.user.id, isPlatformAdmin: false },
    });
    expect((await api(cookie)).status).toBe(401);
    expect((await view("/dashboard", cookie)).status).toBe(307);
  });

  it("removal from the company: cookie and bearer access token are refused on the next request", async () => {
    const t = await signedIn("owner");
    const admin = await seedUser();
    await seedMembership(t.companyId, admin.id, "admin");
    const cookie = await sessionCookie({ userId: admin.id, companyId: t.companyId, role: "admin" });
    const pair = await tokenPair(admin.email, admin.password, origin.origin);
    expect(pair.status).toBe(200);
    const bearer = () =>
      throughGateway(edgeRequest("/api/v1/api-keys", { headers: { authorization: `Bearer ${pair.data.accessToken}` } }), listKeys, {
        internalOrigin: origin.origin,
      });
    expect((await bearer()).status).toBe(200);

    await removeMember({ companyId: t.companyId, userId: admin.id, actor: { ...system, userId: t.user.id, isPlatformAdmin: false } });
    expect((await api(cookie)).status).toBe(401);
    expect((await bearer()).status).toBe(401);
  });

  it("disabling a user: every session refused at once", async () => {
    const t = await signedIn("owner");
    expect((await api(t.cookie)).status).toBe(200);
    await disableUser({ userId: t.user.id, actor: system });
    expect((await api(t.cookie)).status).toBe(401);
  });

  it("the last owner cannot be demoted or removed, and only an owner changes an owner", async () => {
    const t = await signedIn("owner");
    const admin = await seedUser();
    await seedMembership(t.companyId, admin.id, "admin");
    const asOwner = { ...system, userId: t.user.id, isPlatformAdmin: false };
    const asAdmin = { ...system, userId: admin.id, role: "admin" as const, isPlatformAdmin: false };
    await expect(changeMemberRole({ companyId: t.companyId, userId: t.user.id, role: "admin", actor: asOwner })).rejects.toMatchObject({
      status: 409,
    });
    await expect(removeMember({ companyId: t.companyId, userId: t.user.id, actor: asAdmin })).rejects.toMatchObject({ status: 403 });
    await expect(changeMemberRole({ companyId: t.companyId, userId: admin.id, role: "owner", actor: asAdmin })).rejects.toMatchObject({
      status: 403,
    });
    // Nothing changed: both still signed in.
    expect((await api(t.cookie)).status).toBe(200);
  });
});

describe("the absolute maximum age", () => {
  it("refuses a session signed in longer ago than the maximum however recently it slid, and one naming no sign-in time", async () => {
    const t = await signedIn();
    const now = Math.floor(Date.now() / 1000);
    const old = await sessionCookie({
      userId: t.user.id,
      companyId: t.companyId,
      role: "owner",
      authAt: now - SESSION_ABSOLUTE_MAX_SECONDS - 60,
    });
    const young = await sessionCookie({
      userId: t.user.id,
      companyId: t.companyId,
      role: "owner",
      authAt: now - SESSION_ABSOLUTE_MAX_SECONDS + 3600,
    });
    expect((await api(old)).status).toBe(401);
    expect((await view("/dashboard", old)).status).toBe(307);
    expect((await api(young)).status).toBe(200);

    // next-auth's own jwt callback refuses to slide it further (it throws, and next-auth deletes the cookie).
    const jwt = authOptions().callbacks!.jwt!;
    await expect(jwt({ token: { uid: t.user.id, authAt: now - SESSION_ABSOLUTE_MAX_SECONDS - 60 } as never } as never)).rejects.toThrow();
    await expect(jwt({ token: { uid: t.user.id, authAt: now } as never } as never)).resolves.toMatchObject({ uid: t.user.id });
  });
});

describe("pages go through the gateway's decision", () => {
  it("a signed-in person's page views count in the user and company layers; prefetches are checked, not counted", async () => {
    const t = await signedIn();
    const remaining = (res: Response) => Number(res.headers.get("x-ratelimit-remaining"));
    const first = await view("/dashboard", t.cookie);
    expect(first.status).toBe(200);
    const second = await view("/calls", t.cookie);
    expect(remaining(second)).toBe(remaining(first) - 1);
    for (let i = 0; i < 3; i++) {
      const prefetch = await view("/customers", t.cookie, { "next-router-prefetch": "1", rsc: "1" });
      expect(prefetch.status).toBe(200);
      expect(remaining(prefetch)).toBe(remaining(second));
    }
    expect(remaining(await view("/calls", t.cookie))).toBe(remaining(second) - 1);
  });

  it("a suspended company's people are sent to /suspended from every page (prefetches included), which renders without its data", async () => {
    const t = await signedIn();
    const [row] = await getDb()
      .update(companies)
      .set({ status: "suspended", updatedAt: new Date() })
      .where(eq(companies.id, t.companyId))
      .then(() => getDb().select().from(companies).where(eq(companies.id, t.companyId)));
    await writeCompanyRecord(row!);

    for (const headers of [{}, { "next-router-prefetch": "1", rsc: "1" }] as Array<Record<string, string>>) {
      const res = await view("/calls/call_0000000000000000000000", t.cookie, headers);
      expect(res.status).toBe(307);
      expect(res.headers.get("location")).toBe("http://localhost:3000/suspended");
    }
    expect((await view("/suspended", t.cookie)).status).toBe(200);
    expect((await api(t.cookie)).status).toBe(403);
  });

  it("a signed-out visitor still reaches pages (limited per IP); a platform admin outside any company too", async () => {
    expect((await view("/signin", "")).status).toBe(200);
    const admin = await seedUser({ isPlatformAdmin: true });
    const cookie = await sessionCookie({ userId: admin.id, companyId: null, role: null, isPlatformAdmin: true });
    expect((await view("/admin", cookie)).status).toBe(200);
  });
});
