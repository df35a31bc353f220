import { describe, expect, it } from "vitest";
import { internalOrigin } from "@/lib/gateway/internal-origin";

describe("internalOrigin (the miss path's target)", () => {
  it("comes from INTERNAL_APP_URL, else APP_URL, else NEXTAUTH_URL; never anything else", () => {
    expect(internalOrigin({ INTERNAL_APP_URL: "http://127.0.0.1:3000/x", APP_URL: "https://a.test" })).toBe("http://127.0.0.1:3000");
    expect(internalOrigin({ APP_URL: "https://a.test/", NEXTAUTH_URL: "https://b.test" })).toBe("https://a.test");
    expect(internalOrigin({ NEXTAUTH_URL: "https://b.test" })).toBe("https://b.test");
    expect(internalOrigin({ INTERNAL_APP_URL: "not a url", APP_URL: " ", NEXTAUTH_URL: "https://b.test" })).toBe("https://b.test");
    expect(internalOrigin({ INTERNAL_APP_URL: "file:///etc/passwd" })).toBeNull();
    expect(internalOrigin({})).toBeNull();
  });
});
