import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/app/signin/_components/safe-callback-path";

/** What the browser would do with the result: resolve it against our origin. It must stay there. */
function staysHome(path: string) {
  const resolved = new URL(path, "https://app.example.test/signin");
  return resolved.origin === "https://app.example.test";
}

describe("safeCallbackPath: only a path on this site", () => {
  it("keeps same-origin paths with their query and hash", () => {
    expect(safeCallbackPath("/calls?status=ended#top")).toBe("/calls?status=ended#top");
    expect(safeCallbackPath("/calls/call_01ABC")).toBe("/calls/call_01ABC");
    expect(safeCallbackPath("/a/../dashboard")).toBe("/dashboard");
  });

  // Values as the page receives them: Next has already decoded the query string once.
  const nasty = [
    "/\\evil.example/x", // the reported bypass: callbackUrl=/%5Cevil.example/x
    "\\\\evil.example",
    "//evil.example",
    "///evil.example/x",
    "/\t/evil.example",
    "/\n/evil.example",
    "/ /evil.example",
    "\t//evil.example",
    "/\\/evil.example",
    "/.//evil.example",
    "/..//evil.example",
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "https://evil.example/x",
    "http:evil.example",
    "https:/evil.example",
    "//evil.example@app.example.test",
    "/%2F%2Fevil.example",
    "/%5C%5Cevil.example",
    "/%09/evil.example",
    "",
    "dashboard",
    " /dashboard",
  ];

  it.each(nasty)("%j never leaves the site", (raw) => {
    const out = safeCallbackPath(raw);
    expect(out.startsWith("/")).toBe(true);
    expect(out.startsWith("//")).toBe(false);
    expect(out.startsWith("/\\")).toBe(false);
    expect(staysHome(out)).toBe(true);
  });

  it("falls back to the dashboard for what is no path of ours", () => {
    for (const raw of ["/\\evil.example/x", "//evil.example", "/\t/evil.example", "javascript:alert(1)", "https://evil.example/"]) {
      expect(safeCallbackPath(raw), raw).toBe("/dashboard");
    }
    // Encoded slashes stay encoded inside one path segment of ours.
    expect(safeCallbackPath("/%2F%2Fevil.example")).toBe("/%2F%2Fevil.example");
  });

  it("takes only a string: a repeated parameter (an array) or nothing falls back", () => {
    expect(safeCallbackPath(["/calls", "//evil.example"])).toBe("/dashboard");
    expect(safeCallbackPath(undefined)).toBe("/dashboard");
    expect(safeCallbackPath(`/${"a".repeat(3000)}`)).toBe("/dashboard");
  });
});
