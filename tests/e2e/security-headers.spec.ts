import { expect, test, type Page } from "@playwright/test";
import { apiGet } from "./helpers/api";
import { signInOnce } from "./helpers/session";

/**
 * Every page, loaded in Chromium under the Content-Security-Policy the gateway sends: a single
 * violation (a blocked inline script or style, a blocked chunk or request) fails the test. The
 * browser reports each one as a `securitypolicyviolation` event and a console error; both are collected.
 */
function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Content-Security-Policy|CSP violation/i.test(m.text())) violations.push(m.text());
  });
  page.on("pageerror", (e) => {
    if (/Content Security Policy/i.test(e.message)) violations.push(e.message);
  });
  // Init scripts run outside the page's CSP (DevTools protocol), so this listener is never itself blocked.
  void page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`),
    );
  });
  return violations;
}

async function visit(page: Page, path: string, ready: () => Promise<void>) {
  const res = await page.goto(path);
  expect(res, path).not.toBeNull();
  const headers = res!.headers();
  expect(headers["content-security-policy"], path).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"], path).toBe("nosniff");
  expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
  // Hydrated and its data shown: every script and chunk the page needs has run by then.
  await ready();
}

const h1 = (page: Page) => () => expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();

test("signin, dashboard, calls, the calendar and a call load with no CSP violation", async ({ page }) => {
  const violations = watchCsp(page);
  await visit(page, "/signin", () => expect(page.getByRole("button", { name: "Sign in" })).toBeVisible());
  await signInOnce(page, "admin@acme.test");
  await visit(page, "/dashboard", () => expect(page.locator(".recharts-surface").first()).toBeVisible());
  await visit(page, "/calls", () => expect(page.getByTestId("calls-list")).toHaveAttribute("data-state", "ready"));
  // The calendar (and every signed-in page) mounts the toaster, whose stylesheet the CSP allows by hash.
  await visit(page, "/calendar", () => expect(page.getByTestId("calendar")).toHaveAttribute("data-state", "ready"));
  const { data } = await apiGet<Array<{ id: string }>>(page, "/api/v1/calls?limit=1&status=ended");
  await visit(page, `/calls/${data[0]!.id}`, () => expect(page.getByTestId("recording-player")).toBeVisible());
  expect(violations).toEqual([]);
});

test("health (company and platform view), the API reference and the 404 page load with no CSP violation", async ({ browser }) => {
  const page = await browser.newPage();
  const violations = watchCsp(page);
  await signInOnce(page, "admin@acme.test");
  await visit(page, "/docs/api", h1(page));
  await visit(page, "/health", h1(page));
  const missing = await page.goto("/no-such-page/at-all");
  expect(missing!.status()).toBe(404);
  expect(missing!.headers()["content-security-policy"]).toContain("'strict-dynamic'");
  await expect(page.getByTestId("page-not-found")).toBeVisible();

  const root = await browser.newPage();
  const rootViolations = watchCsp(root);
  await signInOnce(root, "root@switchboard.test");
  await visit(root, "/health", h1(root));
  expect([...violations, ...rootViolations]).toEqual([]);
});

test("an unknown /api path answers 404 in the error envelope for a signed-in browser, never the sign-in page", async ({ page }) => {
  await signInOnce(page, "viewer@acme.test");
  for (const method of ["GET", "POST"] as const) {
    // No Origin on the POST: the path check comes before the CSRF check, so it is still a 404.
    const res = await page.request.fetch("/api/v1/does-not-exist", { method, maxRedirects: 0 });
    expect(res.status(), method).toBe(404);
    expect(res.headers()["content-type"]).toContain("application/json");
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("not_found");
  }
  const wrong = await page.request.fetch("/api/v1/calls", { method: "DELETE", maxRedirects: 0 });
  expect(wrong.status()).toBe(405);
  expect(wrong.headers()["allow"]).toBe("GET, HEAD, OPTIONS, POST");
});

test("the watcher above does see a violation when a page breaks the policy", async ({ page }) => {
  const violations = watchCsp(page);
  await visit(page, "/signin", () => expect(page.getByRole("button", { name: "Sign in" })).toBeVisible());
  // A <style> element without the nonce, as injected markup would be: style-src-elem refuses it.
  await page.evaluate(() => document.body.insertAdjacentHTML("beforeend", "<style>body { outline: 1px solid red }</style>"));
  await expect.poll(() => violations.length).toBeGreaterThan(0);
});
