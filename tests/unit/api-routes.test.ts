import path from "node:path";
import { describe, expect, it } from "vitest";
import { apiPathRefusal } from "@/lib/gateway/api-path-refusal";
import { API_ROUTES } from "@/lib/gateway/api-routes";
import { allowedApiMethods } from "@/lib/gateway/match-api-route";
import { exportedMethods, scanApiRoutes } from "@/scripts/lib/scan-api-routes";

describe("the edge's table of API routes", () => {
  it("is the one app/api/**/route.ts describes (else: npm run routes:generate)", () => {
    const scanned = scanApiRoutes(path.resolve(import.meta.dirname, "..", ".."));
    expect(API_ROUTES.map((r) => ({ path: r.path, methods: [...r.methods] }))).toEqual(scanned);
    // The Node-side 404 backstop is not a route of its own.
    expect(API_ROUTES.some((r) => r.path.includes("unmatched"))).toBe(false);
  });

  it("reads every way a route module exports its methods", () => {
    expect(exportedMethods("export const GET = defineRoute(); export const dynamic = 'x';")).toEqual(["GET"]);
    expect(exportedMethods("export async function POST(req) {}\nexport function DELETE() {}")).toEqual(["POST", "DELETE"]);
    expect(exportedMethods("const handler = NextAuth();\nexport { handler as GET, handler as POST };")).toEqual(["GET", "POST"]);
    expect(exportedMethods("export const revalidate = 0; export const runtime = 'nodejs';")).toEqual([]);
  });
});

describe("which route an /api path reaches, as Next routes it", () => {
  it("a literal segment wins over a dynamic one", () => {
    expect(allowedApiMethods("/api/v1/calls/export")).toEqual(["OPTIONS", "POST"]);
    expect(allowedApiMethods("/api/v1/calls/call_01ABC")).toEqual(["GET", "HEAD", "OPTIONS"]);
    expect(allowedApiMethods("/api/v1/api-keys/key_1/rotate")).toEqual(["OPTIONS", "POST"]);
  });

  it("catch-alls take one or more segments; a trailing slash is ignored", () => {
    expect(allowedApiMethods("/api/auth/session")).toEqual(["GET", "HEAD", "OPTIONS", "POST"]);
    expect(allowedApiMethods("/api/auth/callback/credentials")).toEqual(["GET", "HEAD", "OPTIONS", "POST"]);
    expect(allowedApiMethods("/api/auth")).toBeNull();
    expect(allowedApiMethods("/api/v1/calls/")).toEqual(["GET", "HEAD", "OPTIONS", "POST"]);
  });

  it("no route: null", () => {
    for (const p of ["/api", "/api/", "/api/v1", "/api/v1/nope", "/api/v1/calls/x/y", "/api/webhooks/paypal", "/api/v2/calls"]) {
      expect(allowedApiMethods(p), p).toBeNull();
    }
  });
});

describe("apiPathRefusal", () => {
  it("404 in the envelope for a path no route takes, 405 with Allow for a method it does not take, null otherwise", () => {
    expect(apiPathRefusal("GET", "/api/v1/nope")).toMatchObject({ status: 404, code: "not_found" });
    const wrong = apiPathRefusal("DELETE", "/api/v1/calls");
    expect(wrong).toMatchObject({ status: 405, code: "method_not_allowed", headers: { allow: "GET, HEAD, OPTIONS, POST" } });
    expect(wrong!.message).toContain("GET, HEAD, OPTIONS, POST");
    expect(apiPathRefusal("PROPFIND", "/api/v1/calls")).toMatchObject({ status: 405 });
    expect(apiPathRefusal("HEAD", "/api/v1/calls")).toBeNull();
    expect(apiPathRefusal("OPTIONS", "/api/v1/calls/export")).toBeNull();
    expect(apiPathRefusal("GET", "/dashboard")).toBeNull();
    expect(apiPathRefusal("GET", "/apix")).toBeNull();
  });
});
