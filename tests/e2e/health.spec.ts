import { expect, test, type Locator, type Page } from "@playwright/test";
import { mkdir } from "node:fs/promises";
import { expectAccessible } from "./helpers/axe";
import { DESKTOP, PHONE, screenshotBoth, sideScrollAtNarrow } from "./helpers/screens";
import { signIn } from "./helpers/sign-in";
import { syntheticPlatformHealth } from "./helpers/synthetic-health";

/** A number the page renders ("1,204") read from its text, not from pixels. */
async function numberIn(locator: Locator): Promise<number> {
  return Number((await locator.innerText()).replace(/[^\d.]/g, ""));
}

test.describe("/health — live gateway health", () => {
  test("an owner sees their company's traffic live, and it moves when requests come in", async ({ page }) => {
    await signIn(page, "owner@acme.test");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Gateway health" }).click();
    await expect(page).toHaveURL(/\/health$/);
    await expect(page.getByRole("heading", { name: "Gateway health" })).toBeVisible();
    await expect(page.getByTestId("connection-status")).toHaveText("Live");
    await expect(page.getByTestId("health-scope")).toHaveText("Acme Dental's API traffic and limits");
    for (const dep of ["mysql", "redis", "queue"]) {
      await expect(page.getByTestId(`dependency-${dep}`)).toHaveAttribute("data-ok", "true");
      await expect(page.getByTestId(`dependency-${dep}`)).toContainText("OK");
    }
    // A company admin sees its limits, not the platform's internals.
    await expect(page.getByTestId("company-usage")).toContainText("of 6,000");
    await expect(page.getByTestId("breaker-calcom")).toHaveCount(0);

    const total = page.getByTestId("requests-total");
    const before = await numberIn(total);
    for (let i = 0; i < 30; i++) {
      const res = await page.request.get("/api/v1/ping");
      expect(res.status()).toBe(200);
    }
    // Earlier stories' requests leave the 60-s window while the pings arrive, so the total need not
    // grow by 30: it must have moved, and it must hold all 30 pings (none of them is a minute old).
    await expect
      .poll(
        async () => {
          const now = await numberIn(total);
          return now !== before && now >= 30;
        },
        { timeout: 15_000, message: "the last-60-s total moved and counts the 30 pings" },
      )
      .toBe(true);
    await expect.poll(() => numberIn(page.getByTestId("requests-per-second")), { timeout: 5_000 }).toBeGreaterThan(0);
    await expect(page.getByTestId("chart-requests").getByRole("application", { name: "Requests per second" })).toBeVisible();
    await expect(page.getByTestId("connection-status")).toHaveText("Live");

    expect(await sideScrollAtNarrow(page)).toBe(0);
    await screenshotBoth(page, "health-owner");
  });

  test("a viewer has no link to it and is told plainly when visiting it", async ({ page }) => {
    await signIn(page, "viewer@acme.test");
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Calls", exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: "Gateway health" })).toHaveCount(0);

    await page.goto("/health");
    await expect(page.getByTestId("not-allowed")).toContainText("You don't have access to gateway health.");
    await expect(page.getByTestId("connection-status")).toHaveCount(0);
    // The API agrees with the page.
    expect((await page.request.get("/api/gateway/health")).status()).toBe(403);
    await page.screenshot({ path: "test-results/screens/health-viewer-not-allowed.png", fullPage: true });
  });

  test("a platform admin sees the whole platform and can look at one company", async ({ page }) => {
    await signIn(page, "root@switchboard.test");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Gateway health" }).click();
    await expect(page.getByTestId("connection-status")).toHaveText("Live");
    await expect(page.getByTestId("health-scope")).toHaveText("Whole platform");
    for (const dep of ["mysql", "redis", "queue"]) await expect(page.getByTestId(`dependency-${dep}`)).toHaveAttribute("data-ok", "true");
    for (const name of ["calcom", "retell", "stripe", "sendgrid"])
      await expect(page.getByTestId(`breaker-${name}`)).toHaveAttribute("data-state", "closed");
    await expect(page.getByTestId("limited-by-layer")).toBeVisible();
    await expect(page.getByTestId("cache-hit-ratio")).toBeVisible();
    await expect(page.getByTestId("registry-calls")).toBeVisible();
    await expect(page.getByTestId("queue-dead-letters")).toHaveText(/^\d+$/);
    await screenshotBoth(page, "health-platform");

    await page.getByLabel("Scope").selectOption({ label: "Acme Dental · PRO" });
    await expect(page).toHaveURL(/\/health\?companyId=co_/);
    await expect(page.getByTestId("health-scope")).toHaveText("Acme Dental's API traffic and limits");
    await expect(page.getByTestId("connection-status")).toHaveText("Live");
    await expect(page.getByTestId("company-usage")).toContainText("of 6,000");
    await expect(page.getByTestId("breaker-calcom")).toHaveCount(0);

    await page.getByLabel("Scope").selectOption({ label: "Whole platform" });
    await expect(page).toHaveURL(/\/health$/);
    await expect(page.getByTestId("breaker-calcom")).toBeVisible();
  });

  test("when the event stream is blocked, the page polls instead — and waits out a 429's Retry-After", async ({ page }) => {
    await signIn(page, "owner@acme.test");
    // As a buffering proxy or a refusing gateway would: the stream never opens.
    await page.route("**/api/gateway/stream**", (route) => route.fulfill({ status: 503, contentType: "application/json", body: "{}" }));
    // The first poll is rate limited; the page must say so and wait the 6 s it was told to.
    let refused = 0;
    const polls: number[] = [];
    await page.route("**/api/gateway/health**", async (route) => {
      polls.push(Date.now());
      if (refused++ > 0) return route.continue();
      return route.fulfill({
        status: 429,
        headers: { "retry-after": "6", "x-request-id": "req_e2e_limited" },
        contentType: "application/json",
        body: JSON.stringify({ error: { code: "rate_limited", message: "Rate limit exceeded (user).", requestId: "req_e2e_limited" } }),
      });
    });
    await page.goto("/health");
    const banner = page.getByRole("alert").filter({ hasText: "You're going a bit fast" });
    await expect(banner).toContainText(/try again in \d s/);
    await expect(banner).toContainText("req_e2e_limited");
    await expect(page.getByTestId("connection-status")).toHaveText("Updating every 5 s");
    await page.screenshot({ path: "test-results/screens/health-polling-429.png" });

    await expect(page.getByTestId("requests-total")).toHaveText(/^\d+$/, { timeout: 15_000 });
    await expect(banner).toHaveCount(0);
    expect(polls[1]! - polls[0]!, "the second poll waited for Retry-After").toBeGreaterThanOrEqual(5_500);
  });

  test("breakers, 429s, unhealthy instances and a dropped stream render as such", async ({ page }) => {
    await signIn(page, "root@switchboard.test");
    // A feed with everything going wrong at once, then the stream drops (EventSource retries much later).
    const payload = syntheticPlatformHealth(Date.now());
    await page.route("**/api/gateway/stream**", (route) =>
      route.fulfill({
        status: 200,
        headers: { "content-type": "text/event-stream", "cache-control": "no-store" },
        body: `retry: 600000\nevent: health\ndata: ${JSON.stringify(payload)}\n\n`,
      }),
    );
    await page.goto("/health");
    await expect(page.getByTestId("breaker-calcom")).toHaveAttribute("data-state", "open");
    await expect(page.getByTestId("breaker-calcom")).toContainText("Open");
    await expect(page.getByTestId("breaker-calcom")).toContainText(/Probe in \d+ s/);
    await expect(page.getByTestId("breaker-retell")).toContainText("Half-open");
    await expect(page.getByTestId("breaker-stripe")).toContainText("Closed");
    await expect(page.getByTestId("breaker-transitions").getByRole("listitem")).toHaveCount(3);
    await expect(page.getByTestId("chart-limited")).toBeVisible();
    await expect(page.getByTestId("limited-total")).toHaveText("70");
    await expect(page.getByTestId("dependency-queue")).toHaveAttribute("data-ok", "false");
    await expect(page.getByTestId("queue-dead-letters")).toHaveText("2");
    await expect(page.getByTestId("registry-calls").filter({ hasText: "unhealthy" })).toContainText("ECONNREFUSED");
    await expect(page.getByTestId("connection-status")).toHaveText("Reconnecting…");
    expect(await sideScrollAtNarrow(page)).toBe(0);
    await screenshotBoth(page, "health-incident");
  });
  // A fake made to fail, its breaker opening and closing on this page: tests/e2e/breaker.spec.ts.

  test("the slowest requests of the last 15 minutes as waterfalls, with a table alternative — each company only its own", async ({
    page,
  }) => {
    // Three axe scans of a live page (it re-renders every second) and two sign-ins.
    test.slow();
    await mkdir(SHOTS, { recursive: true });
    await signIn(page, "owner@acme.test");
    for (const path of ["/api/v1/calls?limit=5", "/api/v1/customers?limit=5", "/api/v1/dashboard/overview?range=7d"])
      expect((await page.request.get(path)).status()).toBe(200);
    // The API the panel reads: only Acme's requests, however many companies have traffic.
    const own = (await (await page.request.get("/api/gateway/traces")).json()) as { data: { slowest: Array<{ companyId: string }> } };
    expect(own.data.slowest.length).toBeGreaterThan(0);
    expect(new Set(own.data.slowest.map((t) => t.companyId)).size).toBe(1);

    await page.goto("/health");
    const panel = page.getByTestId("traces-panel");
    await expect(panel.getByRole("heading", { name: "Slowest requests" })).toBeVisible();
    await expect(panel.getByTestId("trace-row").first()).toBeVisible();
    // Which request was slowest depends on the machine: pick one of the three made above.
    await panel
      .getByTestId("trace-row")
      .filter({ hasText: /\/api\/v1\/(calls|customers|dashboard)/ })
      .first()
      .getByRole("button", { name: /Show spans/ })
      .click();
    const waterfall = panel.getByTestId("trace-waterfall");
    const spans = waterfall.getByRole("list", { name: /^Spans of GET \/api\/v1\// });
    await expect(spans).toBeVisible();
    // The request span, and under it what it spent its time on (cache, SQL, Redis), each with its start and duration.
    await expect(spans.getByRole("listitem").first()).toContainText(/\+\d+ ms/);
    await expect(spans.getByRole("listitem").filter({ hasText: /^GET (calls|customers|dashboard)/ })).toHaveCount(1);
    expect(await spans.getByRole("listitem").count()).toBeGreaterThan(2);
    await expectAccessible(page);
    await shots(page, "owner-waterfall");

    await waterfall.getByRole("button", { name: "Table" }).click();
    const table = waterfall.getByRole("table", { name: /^Spans of GET / });
    await expect(table).toBeVisible();
    await expect(table.getByRole("columnheader", { name: "Duration" })).toBeVisible();
    await expectAccessible(page);
    await shots(page, "owner-table");

    await panel.getByRole("button", { name: /^5xx/ }).click();
    await expect(panel).toContainText("No 5xx answers in the last 15 minutes");

    // A platform admin sees every company's (and the platform's own) requests.
    await page.context().clearCookies();
    await signIn(page, "root@switchboard.test");
    await page.goto("/health");
    await expect(page.getByTestId("connection-status")).toHaveText("Live");
    await expect(page.getByTestId("traces-panel").getByTestId("trace-row").first()).toBeVisible();
    const all = (await (await page.request.get("/api/gateway/traces")).json()) as {
      data: { slowest: Array<{ companyId: string | null }> };
    };
    expect(all.data.slowest.some((t) => t.companyId === own.data.slowest[0]!.companyId)).toBe(true);
    await expectAccessible(page);
    await shots(page, "platform");
  });
});

const SHOTS = "/tmp/tracing-shots";

/** Desktop and phone screenshots of the traces panel's page under /tmp/tracing-shots. */
async function shots(page: Page, name: string): Promise<void> {
  for (const [suffix, size] of [
    ["desktop", DESKTOP],
    ["phone", PHONE],
  ] as const) {
    await page.setViewportSize(size);
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${SHOTS}/health-traces-${name}-${suffix}.png`, fullPage: true });
  }
  await page.setViewportSize(DESKTOP);
}
