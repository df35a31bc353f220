import { afterEach, describe, expect, it } from "vitest";
import { runGateway } from "@/lib/gateway/pipeline";
import { edgeRequest } from "../helpers/gateway-requests";

const saved = process.env.TRUSTED_PROXIES;
afterEach(() => {
  if (saved === undefined) delete process.env.TRUSTED_PROXIES;
  else process.env.TRUSTED_PROXIES = saved;
});

describe("security headers on what the gateway answers and forwards", () => {
  it("pages carry a nonce CSP, also handed to Next on the request so it can put the nonce on its scripts", async () => {
    const page = await runGateway(edgeRequest("/signin"));
    expect(page.kind).toBe("forward");
    const { requestHeaders, responseHeaders } = page as { requestHeaders: Headers; responseHeaders: Headers };
    const csp = responseHeaders.get("content-security-policy")!;
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(requestHeaders.get("content-security-policy")).toBe(csp);
    expect(responseHeaders.get("x-content-type-options")).toBe("nosniff");
    expect(responseHeaders.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(responseHeaders.get("strict-transport-security")).toBeNull();
  });

  it("API answers, the gateway's own refusals included, carry a deny-all policy", async () => {
    const refused = (await runGateway(edgeRequest("/api/v1/calls"))) as { response: Response };
    expect(refused.response.status).toBe(401);
    expect(refused.response.headers.get("content-security-policy")).toBe(
      "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    );
    expect(refused.response.headers.get("x-content-type-options")).toBe("nosniff");
    const forwarded = (await runGateway(edgeRequest("/api/openapi.json"))) as { requestHeaders: Headers; responseHeaders: Headers };
    expect(forwarded.responseHeaders.get("content-security-policy")).toContain("default-src 'none'");
    expect(forwarded.requestHeaders.get("content-security-policy")).toBeNull();
  });

  it("HSTS only when a trusted proxy says the client came over TLS, never on a client's own claim", async () => {
    process.env.TRUSTED_PROXIES = "10.0.0.2";
    const viaProxy = await runGateway(
      edgeRequest("/signin", { headers: { "x-forwarded-proto": "https", "x-forwarded-for": "203.0.113.5, 10.0.0.2" } }),
    );
    expect((viaProxy as { responseHeaders: Headers }).responseHeaders.get("strict-transport-security")).toBe(
      "max-age=63072000; includeSubDomains",
    );
    const claimed = await runGateway(
      edgeRequest("/signin", { headers: { "x-forwarded-proto": "https", "x-forwarded-for": "203.0.113.5" } }),
    );
    expect((claimed as { responseHeaders: Headers }).responseHeaders.get("strict-transport-security")).toBeNull();
  });
});
