import { describe, expect, it } from "vitest";
import type { Identity } from "@/lib/gateway/authenticate";
import { crossSiteWrite } from "@/lib/gateway/cross-site-write";

const session: Identity = {
  kind: "person",
  auth: "session",
  userId: "usr_1",
  companyId: "co_1",
  role: "owner",
  isPlatformAdmin: false,
  generation: 0,
};
const bearer: Identity = { ...session, auth: "token" };

function post(headers: Record<string, string>, url = "http://app.example.test/api/v1/api-keys", method = "POST") {
  return new Request(url, { method, headers: { host: new URL(url).host, ...headers } });
}

describe("crossSiteWrite (CSRF on cookie-authenticated writes)", () => {
  const urls = ["https://public.example.test", undefined];
  const check = (req: Request, who: Identity = session) => crossSiteWrite(req, who, new URL(req.url).pathname, urls);

  it("passes our own pages: Sec-Fetch-Site same-origin, or an Origin naming our host or a configured public URL", () => {
    expect(check(post({ "sec-fetch-site": "same-origin" }))).toBeNull();
    expect(check(post({ origin: "http://app.example.test" }))).toBeNull();
    expect(check(post({ origin: "https://public.example.test" }))).toBeNull();
  });

  it("refuses cross-site, same-site siblings, foreign or opaque origins, and a write that says nothing", () => {
    expect(check(post({ "sec-fetch-site": "cross-site", origin: "http://app.example.test" }))).toBe("cross_site");
    expect(check(post({ "sec-fetch-site": "same-site" }))).toBe("cross_site");
    expect(check(post({ "sec-fetch-site": "none" }))).toBe("cross_site");
    expect(check(post({ origin: "https://evil.example" }))).toBe("foreign_origin");
    expect(check(post({ origin: "http://app.example.test.evil.example" }))).toBe("foreign_origin");
    expect(check(post({ origin: "null" }))).toBe("foreign_origin");
    expect(check(post({}))).toBe("no_origin");
    for (const method of ["PUT", "PATCH", "DELETE"]) expect(check(post({}, undefined, method)), method).toBe("no_origin");
  });

  it("leaves reads, bearer tokens, API keys, anonymous callers and next-auth's own POSTs alone", () => {
    expect(check(post({ origin: "https://evil.example" }, undefined, "GET"))).toBeNull();
    expect(check(post({ origin: "https://evil.example" }, undefined, "HEAD"))).toBeNull();
    expect(check(post({ origin: "https://evil.example" }), bearer)).toBeNull();
    expect(check(post({ origin: "https://evil.example" }), { kind: "api_key", keyHash: "h" })).toBeNull();
    expect(check(post({ origin: "https://evil.example" }), { kind: "anonymous" })).toBeNull();
    expect(check(post({ origin: "https://evil.example" }, "http://app.example.test/api/auth/signout"))).toBeNull();
  });
});
