import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listKeys, POST as createKey } from "@/app/api/v1/api-keys/route";
import { getDb } from "@/lib/db/client";
import { apiKeys } from "@/lib/db/schema/api-keys";
import { throughGateway } from "../helpers/gateway-harness";
import { edgeRequest, ORIGIN, sessionCookie, startCountingOrigin, tokenPair, type Envelope } from "../helpers/gateway-requests";
import { seedTenant } from "../helpers/seed-rows";

let internal: Awaited<ReturnType<typeof startCountingOrigin>>;
const opts = () => ({ internalOrigin: internal.origin });
beforeAll(async () => {
  internal = await startCountingOrigin();
});
afterAll(async () => internal.close());

const keyCount = async (companyId: string) =>
  (await getDb().select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.companyId, companyId))).length;

describe("CSRF on writes that a session cookie authenticates", () => {
  it("refuses a cookie-authenticated write from another site, or one that names no origin, with 403 in the envelope", async () => {
    const { companyId, user } = await seedTenant({ role: "owner" });
    const cookie = await sessionCookie({ userId: user.id, companyId, role: "owner" });
    const body = { name: "csrf", scopes: ["calls:read"] };
    const attempts: Array<Record<string, string>> = [
      {},
      { origin: "https://evil.example" },
      { "sec-fetch-site": "cross-site", origin: ORIGIN },
      { "sec-fetch-site": "same-site" },
      { origin: "null" },
    ];
    for (const headers of attempts) {
      const res = await throughGateway(
        edgeRequest("/api/v1/api-keys", { method: "POST", headers: { cookie, ...headers }, body }),
        createKey,
        opts(),
      );
      expect(res.status, JSON.stringify(headers)).toBe(403);
      const err = ((await res.json()) as Envelope).error;
      expect(err.code).toBe("forbidden");
      expect(err.message).toContain("Cross-site");
    }
    expect(await keyCount(companyId)).toBe(0);
  });

  it("lets our own pages write, and leaves reads and bearer tokens alone", async () => {
    const { companyId, user } = await seedTenant({ role: "owner" });
    const cookie = await sessionCookie({ userId: user.id, companyId, role: "owner" });
    const body = { name: "ok", scopes: ["calls:read"] };
    const sameOrigin = await throughGateway(
      edgeRequest("/api/v1/api-keys", { method: "POST", headers: { cookie, "sec-fetch-site": "same-origin", origin: ORIGIN }, body }),
      createKey,
      opts(),
    );
    expect(sameOrigin.status).toBe(201);
    const originOnly = await throughGateway(
      edgeRequest("/api/v1/api-keys", { method: "POST", headers: { cookie, origin: ORIGIN }, body }),
      createKey,
      opts(),
    );
    expect(originOnly.status).toBe(201);
    const read = await throughGateway(
      edgeRequest("/api/v1/api-keys", { headers: { cookie, origin: "https://evil.example" } }),
      listKeys,
      opts(),
    );
    expect(read.status).toBe(200);

    const { accessToken } = (await tokenPair(user.email, user.password, internal.origin)).data;
    const scripted = await throughGateway(
      edgeRequest("/api/v1/api-keys", { method: "POST", headers: { authorization: `Bearer ${accessToken}`, cookie }, body }),
      createKey,
      opts(),
    );
    expect(scripted.status).toBe(201);
    expect(await keyCount(companyId)).toBe(3);
  });
});
