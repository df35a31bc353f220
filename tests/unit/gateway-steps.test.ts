import { describe, expect, it } from "vitest";
import { resolveApiVersion } from "@/lib/gateway/api-version";
import { clientIp } from "@/lib/gateway/client-ip";
import { signContext, verifyContext, type GatewayContext } from "@/lib/gateway/context";
import { signInternal, verifyInternal } from "@/lib/gateway/internal-signature";
import { rateLimitHeaders } from "@/lib/gateway/rate-limit/headers";
import { companyLimits } from "@/lib/gateway/rate-limit/policy";
import { classifyRoute } from "@/lib/gateway/routes";

const SECRET = "unit-secret-0123456789abcdef0123456789";

function ctx(over: Partial<GatewayContext> = {}): GatewayContext {
  return {
    v: 1,
    rid: "req_1",
    auth: "session",
    uid: "usr_1",
    kid: null,
    cid: "co_1",
    role: "owner",
    scopes: null,
    pa: false,
    tier: "PRO",
    touch: false,
    ip: "1.2.3.4",
    ver: "2026-11-01",
    iat: 1_000_000,
    m: "GET",
    p: "/api/v1/calls",
    ...over,
  };
}

describe("signed gateway context", () => {
  it("verifies for the same method and path within its lifetime", async () => {
    const header = await signContext(ctx(), SECRET);
    expect(await verifyContext(header, SECRET, { method: "GET", path: "/api/v1/calls" }, 1_000_500)).toMatchObject({
      uid: "usr_1",
      cid: "co_1",
    });
  });

  it("refuses another secret, another path, a stale one and a tampered payload", async () => {
    const header = await signContext(ctx(), SECRET);
    expect(
      await verifyContext(header, "another-secret-0123456789abcdef012345", { method: "GET", path: "/api/v1/calls" }, 1_000_500),
    ).toBeNull();
    expect(await verifyContext(header, SECRET, { method: "DELETE", path: "/api/v1/calls" }, 1_000_500)).toBeNull();
    expect(await verifyContext(header, SECRET, { method: "GET", path: "/api/v1/api-keys" }, 1_000_500)).toBeNull();
    expect(await verifyContext(header, SECRET, { method: "GET", path: "/api/v1/calls" }, 1_000_000 + 31_000)).toBeNull();
    const [payload, sig] = header.split(".");
    const forged = JSON.parse(Buffer.from(payload!, "base64url").toString());
    forged.pa = true;
    const tampered = `${Buffer.from(JSON.stringify(forged)).toString("base64url")}.${sig}`;
    expect(await verifyContext(tampered, SECRET, { method: "GET", path: "/api/v1/calls" }, 1_000_500)).toBeNull();
    expect(await verifyContext("garbage", SECRET, { method: "GET", path: "/api/v1/calls" }, 1_000_500)).toBeNull();
    // Characters a lenient base64url decoder would skip, a cut signature, an empty one: all refused.
    const at = { method: "GET", path: "/api/v1/calls" };
    expect(await verifyContext(`${payload}.${sig}!!`, SECRET, at, 1_000_500)).toBeNull();
    expect(await verifyContext(`${payload}=.${sig}`, SECRET, at, 1_000_500)).toBeNull();
    expect(await verifyContext(`${payload}.${sig!.slice(0, -2)}`, SECRET, at, 1_000_500)).toBeNull();
    expect(await verifyContext(`${payload}.`, SECRET, at, 1_000_500)).toBeNull();
    // A context signed without an issue time cannot be aged: refused.
    const { iat: _iat, ...noIat } = ctx();
    expect(await verifyContext(await signContext(noIat as GatewayContext, SECRET), SECRET, at, 1_000_500)).toBeNull();
  });

  it("signs the same bytes as the Web Crypto HMAC it replaced (a rolling deploy verifies either side's header)", async () => {
    const header = await signContext(ctx(), SECRET);
    const [payload, sig] = header.split(".") as [string, string];
    const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(SECRET), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    const web = Buffer.from(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(payload))).toString("base64url");
    expect(sig).toBe(web);
  });
});

describe("internal signature", () => {
  it("binds body and time", async () => {
    const h = await signInternal('{"a":1}', SECRET, 5_000);
    expect(await verifyInternal(h, '{"a":1}', SECRET, 6_000)).toBe(true);
    expect(await verifyInternal(h, '{"a":2}', SECRET, 6_000)).toBe(false);
    expect(await verifyInternal(h, '{"a":1}', SECRET, 40_000)).toBe(false);
  });
});

describe("client ip", () => {
  it("takes the socket hop and ignores what a client prepends", () => {
    expect(clientIp("10.0.0.9", [])).toBe("10.0.0.9");
    expect(clientIp("6.6.6.6, 10.0.0.9", [])).toBe("10.0.0.9");
  });
  it("looks past trusted proxies only", () => {
    expect(clientIp("6.6.6.6, 203.0.113.7, 172.18.0.2", ["172.18.0.2"])).toBe("203.0.113.7");
    expect(clientIp(null, [])).toBe("unknown");
  });
});

describe("route classes", () => {
  it("groups API paths and marks creations", () => {
    expect(classifyRoute("GET", "/api/v1/calls")).toEqual({ access: "protected", group: "calls", resource: null });
    expect(classifyRoute("POST", "/api/v1/calls/export")).toEqual({ access: "protected", group: "calls", resource: "exports" });
    expect(classifyRoute("POST", "/api/v1/api-keys")).toEqual({ access: "protected", group: "settings", resource: "apiKeys" });
    expect(classifyRoute("PATCH", "/api/v1/admin/companies/co_1")).toEqual({ access: "protected", group: "admin", resource: null });
    expect(classifyRoute("POST", "/api/v1/auth/token").access).toBe("public");
    expect(classifyRoute("POST", "/api/auth/callback/credentials").access).toBe("public");
    expect(classifyRoute("GET", "/api/auth/session").access).toBe("exempt");
    expect(classifyRoute("POST", "/api/webhooks/stripe").access).toBe("webhook");
    expect(classifyRoute("GET", "/calls").access).toBe("page");
  });
});

describe("policy", () => {
  it("multiplies by tier and lets overrides win", () => {
    expect(companyLimits("FREE", null).companyPerHour).toBe(2000);
    expect(companyLimits("PRO", null).companyPerHour).toBe(6000);
    expect(companyLimits("ENTERPRISE", null).endpoint.calls).toBe(3000);
    expect(companyLimits("UNLIMITED", null).companyPerHour).toBe(100_000);
    expect(companyLimits("PRO", { company: { perHour: 7 }, endpoint: { calls: 3 } })).toMatchObject({
      companyPerHour: 7,
      endpoint: { calls: 3, analytics: 150 },
    });
  });

  it("writes IETF and legacy headers, Retry-After only when limited", () => {
    const base = {
      layer: "company" as const,
      limit: 6000,
      remaining: 5432,
      resetSec: 1800,
      windowSec: 3600,
      companyId: "co_1",
      tier: "PRO" as const,
      key: null,
      touch: false,
      degraded: false,
      cacheEpoch: "",
    };
    const ok = rateLimitHeaders({ kind: "ok", ...base }, 1_000_000);
    expect(ok["RateLimit-Policy"]).toBe('"company";q=6000;w=3600');
    expect(ok.RateLimit).toBe('"company";r=5432;t=1800');
    expect(ok["X-RateLimit-Reset"]).toBe(String(1000 + 1800));
    expect(ok["Retry-After"]).toBeUndefined();
    expect(rateLimitHeaders({ kind: "limited", ...base, remaining: 0 }, 1_000_000)["Retry-After"]).toBe("1800");
  });

  it("knows every supported API version", () => {
    expect(resolveApiVersion(null)).toBe("2026-11-01");
    expect(resolveApiVersion("1999-01-01")).toBeNull();
  });
});
