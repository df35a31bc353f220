import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listCompanies } from "@/app/api/v1/admin/companies/route";
import { GET as gatewayHealth } from "@/app/api/gateway/health/route";
import { GET as metrics } from "@/app/api/metrics/route";
import { POST as refresh } from "@/app/api/v1/auth/refresh/route";
import { POST as issueToken } from "@/app/api/v1/auth/token/route";
import { GET as overview } from "@/app/api/v1/dashboard/overview/route";
import { verifyAccessToken } from "@/lib/auth/access-token";
import { getDb } from "@/lib/db/client";
import { refreshTokens } from "@/lib/db/schema/refresh-tokens";
import { users } from "@/lib/db/schema/users";
import { hashToken } from "@/lib/auth/hash-token";
import { throughGateway } from "../helpers/gateway-harness";
import { edgeRequest, startCountingOrigin, tokenPair, type Envelope } from "../helpers/gateway-requests";
import { seedMembership, seedTenant, seedUser } from "../helpers/seed-rows";

let internal: Awaited<ReturnType<typeof startCountingOrigin>>;
const opts = () => ({ internalOrigin: internal.origin });
beforeAll(async () => {
  internal = await startCountingOrigin();
});
afterAll(async () => internal.close());

describe("a platform admin who belongs to no company gets a platform-scope bearer token", () => {
  it("reaches the admin API, /api/gateway/* and /api/metrics; company endpoints answer 403; refresh keeps the scope", async () => {
    const admin = await seedUser({ isPlatformAdmin: true });
    const pair = await tokenPair(admin.email, admin.password, internal.origin);
    expect(pair.status).toBe(200);
    expect(await verifyAccessToken(pair.data.accessToken)).toMatchObject({ sub: admin.id, cid: null, role: null, pa: true });
    const [row] = await getDb()
      .select()
      .from(refreshTokens)
      .where(eq(refreshTokens.tokenHash, await hashToken(pair.data.refreshToken)));
    expect(row).toMatchObject({ userId: admin.id, companyId: null });
    const auth = { authorization: `Bearer ${pair.data.accessToken}` };

    expect((await throughGateway(edgeRequest("/api/v1/admin/companies", { headers: auth }), listCompanies, opts())).status).toBe(200);
    expect((await throughGateway(edgeRequest("/api/gateway/health", { headers: auth }), gatewayHealth, opts())).status).toBe(200);
    expect((await throughGateway(edgeRequest("/api/metrics", { headers: auth }), metrics, opts())).status).toBe(200);
    const company = await throughGateway(edgeRequest("/api/v1/dashboard/overview", { headers: auth }), overview, opts());
    expect(company.status).toBe(403);
    expect(((await company.json()) as Envelope).error.message).toBe("Choose a company first.");

    const next = await throughGateway(
      edgeRequest("/api/v1/auth/refresh", { method: "POST", body: { refreshToken: pair.data.refreshToken } }),
      refresh,
      opts(),
    );
    expect(next.status).toBe(200);
    const rotated = ((await next.json()) as { data: { accessToken: string; refreshToken: string } }).data;
    expect(await verifyAccessToken(rotated.accessToken)).toMatchObject({ cid: null, role: null, pa: true });

    // No longer a platform admin: the platform-scope session ends at the next refresh.
    await getDb().update(users).set({ isPlatformAdmin: false }).where(eq(users.id, admin.id));
    const refused = await throughGateway(
      edgeRequest("/api/v1/auth/refresh", { method: "POST", body: { refreshToken: rotated.refreshToken } }),
      refresh,
      opts(),
    );
    expect(refused.status).toBe(401);
  });

  it("still refuses a person who is neither in a company nor a platform admin, and a company the admin is not in", async () => {
    const loner = await seedUser();
    const res = await tokenPair(loner.email, loner.password, internal.origin);
    expect(res.status).toBe(403);
    expect(res.error?.message).toContain("belongs to no company");

    const admin = await seedUser({ isPlatformAdmin: true });
    const { companyId } = await seedTenant();
    const named = await throughGateway(
      edgeRequest("/api/v1/auth/token", { method: "POST", body: { email: admin.email, password: admin.password, companyId } }),
      issueToken,
      opts(),
    );
    expect(named.status).toBe(401);
    // A platform admin who is in a company gets that company, as before.
    await seedMembership(companyId, admin.id, "admin");
    const member = await tokenPair(admin.email, admin.password, internal.origin);
    expect(await verifyAccessToken(member.data.accessToken)).toMatchObject({ cid: companyId, role: "admin", pa: true });
  });
});
