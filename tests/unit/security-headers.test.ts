import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { API_CSP, SONNER_STYLE_HASHES, arrivedOverTls, pageCsp, securityHeaders } from "@/lib/gateway/security-headers";

describe("security headers", () => {
  it("pages: a fresh nonce per request for scripts and <style>, style attributes allowed, framing refused", () => {
    const a = securityHeaders("page", { tls: false, dev: false });
    const b = securityHeaders("page", { tls: false, dev: false });
    const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(a.response["content-security-policy"]!)?.[1];
    expect(nonce).toHaveLength(24);
    expect(a.response["content-security-policy"]).not.toBe(b.response["content-security-policy"]);
    expect(a.requestCsp).toBe(a.response["content-security-policy"]);
    const csp = a.response["content-security-policy"]!;
    expect(csp).toContain(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
    expect(csp).toContain(`style-src-elem 'self' 'nonce-${nonce}'`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).not.toContain("upgrade-insecure-requests");
    expect(a.response).toMatchObject({ "x-content-type-options": "nosniff", "referrer-policy": "strict-origin-when-cross-origin" });
    expect(a.response["strict-transport-security"]).toBeUndefined();
  });

  it("the toaster's stylesheet (inserted by the installed sonner, empty then filled) is allowed by its hash, and only it", () => {
    const source = readFileSync("node_modules/sonner/dist/index.mjs", "utf8");
    const literal = /__insertCSS\(("(?:[^"\\]|\\.)*")\)/.exec(source)?.[1];
    expect(literal).toBeDefined();
    const hash = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;
    expect([...SONNER_STYLE_HASHES]).toEqual([hash(JSON.parse(literal!) as string), hash("")]);
    const csp = pageCsp("n", { dev: false, tls: false });
    for (const h of SONNER_STYLE_HASHES) expect(csp).toContain(h);
  });

  it("API answers: a policy that allows nothing, not forwarded to Next; HSTS only behind TLS", () => {
    const api = securityHeaders("api", { tls: true, dev: false });
    expect(api.response["content-security-policy"]).toBe(API_CSP);
    expect(api.requestCsp).toBeNull();
    expect(api.response["strict-transport-security"]).toBe("max-age=63072000; includeSubDomains");
    expect(pageCsp("n", { dev: true, tls: true })).toContain("'unsafe-eval'");
    expect(pageCsp("n", { dev: false, tls: true })).toContain("upgrade-insecure-requests");
  });

  it("TLS is believed from the URL, or from X-Forwarded-Proto only when the socket (last hop) is a trusted proxy", () => {
    const req = (url: string, headers: Record<string, string> = {}) => new Request(url, { headers });
    expect(arrivedOverTls(req("https://a.test/"), [])).toBe(true);
    expect(arrivedOverTls(req("http://a.test/"), [])).toBe(false);
    const viaProxy = { "x-forwarded-proto": "https", "x-forwarded-for": "203.0.113.9, 10.0.0.2" };
    expect(arrivedOverTls(req("http://a.test/", viaProxy), ["10.0.0.2"])).toBe(true);
    expect(arrivedOverTls(req("http://a.test/", viaProxy), [])).toBe(false);
    // A client that claims https itself: the socket is the client, not a proxy.
    expect(
      arrivedOverTls(req("http://a.test/", { "x-forwarded-proto": "https", "x-forwarded-for": "10.0.0.2, 203.0.113.9" }), ["10.0.0.2"]),
    ).toBe(false);
  });
});
