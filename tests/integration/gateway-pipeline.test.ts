import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listKeys, POST as createKey } from "@/app/api/v1/api-keys/route";
import { DELETE as revokeKey } from "@/app/api/v1/api-keys/[id]/route";
import { POST as rotateKey } from "@/app/api/v1/api-keys/[id]/rotate/route";
import { POST as issueToken } from "@/app/api/v1/auth/token/route";
import { POST as resolveRoute } from "@/app/api/internal/gateway/resolve/route";
import { PATCH as patchCompany } from "@/app/api/v1/admin/companies/[id]/route";
import { flushTestRedis } from "../helpers/bridge-fixture";
import { seedTenant, seedUser } from "../helpers/seed-rows";
import { startInternalOrigin, throughGateway } from "../helpers/gateway-harness";
import { awayFromWindowEdge } from "../helpers/window-edge";

const ORIGIN = "http://localhost:3000";
let internal: Awaited<ReturnType<typeof startInternalOrigin>>;
let ipSeq = 0;
const freshIp = () => `198.51.100.${++ipSeq}`;

function req(path: string, init: { method?: string; headers?: Record<string, string>; body?: unknown; ip?: string } = {}) {
  const headers = new Headers(init.headers);
  headers.set("x-forwarded-for", init.ip ?? freshIp());
  if (init.body !== undefined) headers.set("content-type", "application/json");
  return new Request(new URL(path, ORIGIN), {
    method: init.method ?? "GET",
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

async function tokenFor(email: string, password: string) {
  const res = await throughGateway(req("/api/v1/auth/token", { method: "POST", body: { email, password } }), issueToken, {
    internalOrigin: internal.origin,
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { data: { accessToken: string } }).data.accessToken;
}

beforeAll(async () => {
  internal = await startInternalOrigin(resolveRoute);
});
afterAll(async () => internal.close());

describe("the request path, end to end without Next", () => {
  it("bearer token → create an API key → the key authenticates, with rate-limit headers and a request id", async () => {
    const { user } = await seedTenant({ tier: "PRO", role: "admin" });
    const token = await tokenFor(user.email, user.password);
    const created = await throughGateway(
      req("/api/v1/api-keys", {
        method: "POST",
        headers: { authorization: `Bearer ${token}` },
        body: { name: "CI", scopes: ["keys:manage", "calls:read"] },
      }),
      createKey,
      { internalOrigin: internal.origin },
    );
    expect(created.status).toBe(201);
    const { key, id } = ((await created.json()) as { data: { key: string; id: string } }).data;
    expect(key).toMatch(/^sb_live_/);

    const listed = await throughGateway(req("/api/v1/api-keys", { headers: { authorization: `Bearer ${key}` } }), listKeys, {
      internalOrigin: internal.origin,
    });
    expect(listed.status).toBe(200);
    expect(listed.headers.get("x-request-id")).toMatch(/^req_/);
    expect(listed.headers.get("ratelimit-policy")).toMatch(/^"endpoint";q=90;w=3600$/);
    expect(listed.headers.get("x-ratelimit-remaining")).toBe("89");
    const body = (await listed.json()) as { data: Array<{ id: string }> };
    expect(body.data.map((k) => k.id)).toContain(id);
    expect(JSON.stringify(body)).not.toContain(key);
  });

  it("a key created before a Redis flush still works after it (the miss path reloads it from MySQL)", async () => {
    const { user } = await seedTenant({ tier: "FREE", role: "owner" });
    const token = await tokenFor(user.email, user.password);
    const created = await throughGateway(
      req("/api/v1/api-keys", {
        method: "POST",
        headers: { authorization: `Bearer ${token}` },
        body: { name: "flush", scopes: ["keys:manage"] },
      }),
      createKey,
      { internalOrigin: internal.origin },
    );
    const { key } = ((await created.json()) as { data: { key: string } }).data;
    await flushTestRedis();
    const res = await throughGateway(req("/api/v1/api-keys", { headers: { authorization: `Bearer ${key}` } }), listKeys, {
      internalOrigin: internal.origin,
    });
    expect(res.status).toBe(200);
  });

  it("refuses unknown, revoked and rotated-out keys, and keys without the scope", async () => {
    const { user } = await seedTenant({ tier: "PRO", role: "owner" });
    const token = await tokenFor(user.email, user.password);
    const auth = { authorization: `Bearer ${token}` };
    const mk = async (scopes: string[]) => {
      const r = await throughGateway(req("/api/v1/api-keys", { method: "POST", headers: auth, body: { name: "k", scopes } }), createKey, {
        internalOrigin: internal.origin,
      });
      return ((await r.json()) as { data: { key: string; id: string } }).data;
    };
    const list = (key: string) =>
      throughGateway(req("/api/v1/api-keys", { headers: { authorization: `Bearer ${key}` } }), listKeys, {
        internalOrigin: internal.origin,
      });

    const unknown = await list(`sb_live_${"x".repeat(32)}`);
    expect(unknown.status).toBe(401);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe("unauthorized");

    const narrow = await mk(["calls:read"]);
    const forbidden = await list(narrow.key);
    expect(forbidden.status).toBe(403);

    const revoked = await mk(["keys:manage"]);
    const del = await throughGateway(req(`/api/v1/api-keys/${revoked.id}`, { method: "DELETE", headers: auth }), revokeKey, {
      internalOrigin: internal.origin,
      params: { id: revoked.id },
    });
    expect(del.status).toBe(200);
    expect((await list(revoked.key)).status).toBe(401);

    const old = await mk(["keys:manage"]);
    const rot = await throughGateway(
      req(`/api/v1/api-keys/${old.id}/rotate`, { method: "POST", headers: auth, body: { gracePeriodSeconds: 0 } }),
      rotateKey,
      { internalOrigin: internal.origin, params: { id: old.id } },
    );
    expect(rot.status).toBe(201);
    const fresh = ((await rot.json()) as { data: { key: string } }).data.key;
    expect((await list(old.key)).status).toBe(401);
    expect((await list(fresh)).status).toBe(200);
  });

  it("drops forged x-gateway-* headers: an anonymous caller claiming to be a platform admin is refused", async () => {
    const forged = req("/api/v1/api-keys", { headers: { "x-gateway-context": "eyJ2IjoxfQ.forged", "x-gateway-user": "root" } });
    const res = await throughGateway(forged, listKeys, { internalOrigin: internal.origin });
    expect(res.status).toBe(401);
  });

  it("another company's key id answers 404, not 403", async () => {
    const a = await seedTenant({ role: "owner" });
    const b = await seedTenant({ role: "owner" });
    const tokenA = await tokenFor(a.user.email, a.user.password);
    const tokenB = await tokenFor(b.user.email, b.user.password);
    const created = await throughGateway(
      req("/api/v1/api-keys", {
        method: "POST",
        headers: { authorization: `Bearer ${tokenA}` },
        body: { name: "a", scopes: ["calls:read"] },
      }),
      createKey,
      { internalOrigin: internal.origin },
    );
    const { id } = ((await created.json()) as { data: { id: string } }).data;
    const res = await throughGateway(
      req(`/api/v1/api-keys/${id}`, { method: "DELETE", headers: { authorization: `Bearer ${tokenB}` } }),
      revokeKey,
      { internalOrigin: internal.origin, params: { id } },
    );
    expect(res.status).toBe(404);
  });

  it("a tier change by a platform admin moves the company to its new limits on the next request", async () => {
    const { companyId, user } = await seedTenant({ tier: "FREE", role: "owner" });
    const root = await seedUser({ isPlatformAdmin: true });
    const { seedMembership } = await import("../helpers/seed-rows");
    await seedMembership(companyId, root.id, "viewer"); // a platform admin still needs a company to get a token
    const token = await tokenFor(user.email, user.password);
    const list = () =>
      throughGateway(req("/api/v1/api-keys", { headers: { authorization: `Bearer ${token}` } }), listKeys, {
        internalOrigin: internal.origin,
      });
    expect((await list()).headers.get("ratelimit-policy")).toBe('"endpoint";q=30;w=3600');
    const rootToken = await tokenFor(root.email, root.password);
    const patched = await throughGateway(
      req(`/api/v1/admin/companies/${companyId}`, {
        method: "PATCH",
        headers: { authorization: `Bearer ${rootToken}` },
        body: { tier: "ENTERPRISE" },
      }),
      patchCompany,
      { internalOrigin: internal.origin, params: { id: companyId } },
    );
    expect(patched.status).toBe(200);
    expect((await list()).headers.get("ratelimit-policy")).toBe('"endpoint";q=300;w=3600');
  });

  it("a stale bearer is no identity on a public route: the token endpoint still answers", async () => {
    const { user } = await seedTenant({ role: "member" });
    const res = await throughGateway(
      req("/api/v1/auth/token", {
        method: "POST",
        headers: { authorization: "Bearer expired.jwt.token" },
        body: { email: user.email, password: user.password },
      }),
      issueToken,
      { internalOrigin: internal.origin },
    );
    expect(res.status).toBe(200);
    // on a protected route the same header is refused
    const protectedRes = await throughGateway(
      req("/api/v1/api-keys", { headers: { authorization: "Bearer expired.jwt.token" } }),
      listKeys,
      { internalOrigin: internal.origin },
    );
    expect(protectedRes.status).toBe(401);
  });

  it("limits the token endpoint per IP (layer 1) and names the layer in a 429", async () => {
    await awayFromWindowEdge(60, 40_000); // 51 requests in one minute window, whatever the second now
    const ip = freshIp();
    let last: Response | undefined;
    for (let i = 0; i < 51; i++) {
      last = await throughGateway(
        req("/api/v1/auth/token", { method: "POST", ip, body: { email: `nobody${i}@x.test`, password: "wrong-password" } }),
        issueToken,
        { internalOrigin: internal.origin },
      );
    }
    expect(last!.status).toBe(429);
    expect(last!.headers.get("retry-after")).toMatch(/^\d+$/);
    const body = (await last!.json()) as { error: { code: string; details: { layer: string } } };
    expect(body.error.code).toBe("rate_limited");
    expect(body.error.details.layer).toBe("global_burst");
  }, 120_000); // up to 40 s waiting for a fresh window, then 51 sign-in attempts
});
