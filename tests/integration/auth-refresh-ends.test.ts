import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as refreshRoute } from "@/app/api/v1/auth/refresh/route";
import { GET as listKeys } from "@/app/api/v1/api-keys/route";
import { hashToken } from "@/lib/auth/hash-token";
import { authOptions } from "@/lib/auth/options";
import { SESSION_ABSOLUTE_MAX_SECONDS } from "@/lib/auth/session-policy";
import { closeDb, getDb } from "@/lib/db/client";
import { refreshTokens } from "@/lib/db/schema/refresh-tokens";
import { users } from "@/lib/db/schema/users";
import { issueTokens } from "@/lib/services/auth/issue-tokens";
import { rotateRefreshToken } from "@/lib/services/auth/rotate-refresh-token";
import type { Actor } from "@/lib/services/audit/actor-from-caller";
import { changeMemberRole } from "@/lib/services/team/change-member-role";
import { removeMember } from "@/lib/services/team/remove-member";
import { changePassword } from "@/lib/services/users/change-password";
import { throughGateway } from "../helpers/gateway-harness";
import { edgeRequest, startCountingOrigin, tokenPair, type Envelope } from "../helpers/gateway-requests";
import { seedMembership, seedTenant, seedUser } from "../helpers/seed-rows";

/**
 * Security review of issue 9, item 1: a refresh token ends with the person's sessions. Sign-out, a
 * password change, a role change and a removal revoke it; a refresh token whose family is older than
 * the person's session generation is refused even when no revocation reached it. Item 4: a refresh
 * chain ends at the same absolute maximum age as a dashboard session, counted from its sign-in.
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
type PairBody = { data: { accessToken: string; refreshToken: string } } & Partial<Envelope>;

async function refresh(refreshToken: string) {
  const res = await throughGateway(edgeRequest("/api/v1/auth/refresh", { method: "POST", body: { refreshToken } }), refreshRoute, {
    internalOrigin: origin.origin,
  });
  return { status: res.status, body: (await res.json()) as PairBody };
}

const rowOf = async (refreshToken: string) =>
  (
    await getDb()
      .select()
      .from(refreshTokens)
      .where(eq(refreshTokens.tokenHash, await hashToken(refreshToken)))
  )[0]!;

async function bearer(accessToken: string) {
  const res = await throughGateway(edgeRequest("/api/v1/api-keys", { headers: { authorization: `Bearer ${accessToken}` } }), listKeys, {
    internalOrigin: origin.origin,
  });
  return res.status;
}

/** An admin with a fresh token pair that works (access and one refresh), and the owner who manages them. */
async function adminWithPair() {
  const t = await seedTenant({ role: "owner", tier: "PRO" });
  const admin = await seedUser();
  await seedMembership(t.companyId, admin.id, "admin");
  const pair = await tokenPair(admin.email, admin.password, origin.origin);
  expect(pair.status).toBe(200);
  // One rotation first: the later refusal must hold for a chain's current token, not just the first.
  const rotated = await refresh(pair.data.refreshToken);
  expect(rotated.status).toBe(200);
  expect(await bearer(rotated.body.data.accessToken)).toBe(200);
  const asOwner: Actor = { ...system, userId: t.user.id, isPlatformAdmin: false };
  return { ...t, admin, pair: rotated.body.data, asOwner };
}

async function expectEnded(pair: { accessToken: string; refreshToken: string }) {
  const refused = await refresh(pair.refreshToken);
  expect(refused.status).toBe(401);
  expect(refused.body.error?.code).toBe("unauthorized");
  expect(refused.body.data).toBeUndefined();
  expect(await bearer(pair.accessToken)).toBe(401);
}

describe("a refresh token ends with the sessions", () => {
  it("after a password change: the old refresh token is refused (401) and the old access token too", async () => {
    const t = await adminWithPair();
    await changePassword({
      userId: t.admin.id,
      currentPassword: t.admin.password,
      newPassword: "a-new-long-password",
      actor: { ...system, userId: t.admin.id, isPlatformAdmin: false },
    });
    await expectEnded(t.pair);
    // Signing in again with the new password works.
    const again = await tokenPair(t.admin.email, "a-new-long-password", origin.origin);
    expect(again.status).toBe(200);
    expect(await bearer(again.data.accessToken)).toBe(200);
    expect((await refresh(again.data.refreshToken)).status).toBe(200);
  });

  it("after sign-out (the dashboard's, which ends every session of the person)", async () => {
    const t = await adminWithPair();
    await authOptions().events!.signOut!({ token: { uid: t.admin.id } as never, session: null as never });
    await expectEnded(t.pair);
  });

  it("after a role change and after a removal", async () => {
    const demoted = await adminWithPair();
    await changeMemberRole({ companyId: demoted.companyId, userId: demoted.admin.id, role: "viewer", actor: demoted.asOwner });
    await expectEnded(demoted.pair);

    const removed = await adminWithPair();
    await removeMember({ companyId: removed.companyId, userId: removed.admin.id, actor: removed.asOwner });
    await expectEnded(removed.pair);
  });

  it("a refresh token older than the person's session generation is refused even if nothing revoked it", async () => {
    // As when a rotation commits just after a sign-out's revocation: the row is live, its generation is not.
    const t = await adminWithPair();
    await getDb().update(users).set({ sessionGeneration: 1 }).where(eq(users.id, t.admin.id));
    expect((await refresh(t.pair.refreshToken)).status).toBe(401);
    const fresh = await tokenPair(t.admin.email, t.admin.password, origin.origin);
    const next = await refresh(fresh.data.refreshToken);
    expect(next.status).toBe(200);
  });
});

describe("a refresh chain's absolute maximum age", () => {
  const MAX_MS = SESSION_ABSOLUTE_MAX_SECONDS * 1000;
  const HOUR = 3_600_000;

  it("however often it rotates, no refresh succeeds later than the maximum after the sign-in", async () => {
    const t = await seedTenant({ role: "member" });
    const signIn = new Date(Date.now() - MAX_MS + 2 * HOUR);
    const first = await issueTokens({ email: t.user.email, password: t.user.password, now: signIn });
    // Rotating every day keeps the chain going until the maximum…
    let current = first.refreshToken;
    for (let day = 1; day * 24 * HOUR < MAX_MS - 2 * HOUR; day++) {
      current = (await rotateRefreshToken({ refreshToken: current, now: new Date(signIn.getTime() + day * 24 * HOUR) })).refreshToken;
    }
    const nearEnd = await rotateRefreshToken({ refreshToken: current, now: new Date(signIn.getTime() + MAX_MS - HOUR) });
    // …each new token expires no later than the maximum, not 30 days after its own issue…
    const last = await rowOf(nearEnd.refreshToken);
    expect(last.familyStartedAt.getTime()).toBe(signIn.getTime());
    expect(last.expiresAt.getTime()).toBe(signIn.getTime() + MAX_MS);
    // …and past it the refresh is refused.
    await expect(
      rotateRefreshToken({ refreshToken: nearEnd.refreshToken, now: new Date(signIn.getTime() + MAX_MS + 60_000) }),
    ).rejects.toMatchObject({ status: 401 });
  });

  it("refuses a token whose own expiry is still ahead when its family signed in too long ago (rows from before the cap)", async () => {
    const t = await seedTenant({ role: "member" });
    const pair = await issueTokens({ email: t.user.email, password: t.user.password });
    await getDb()
      .update(refreshTokens)
      .set({ familyStartedAt: new Date(Date.now() - MAX_MS - HOUR) })
      .where(eq(refreshTokens.id, (await rowOf(pair.refreshToken)).id));
    expect((await refresh(pair.refreshToken)).status).toBe(401);
  });
});
