import { expect, test, type Page } from "@playwright/test";
import type { ActivityItem, DashboardMetrics, DashboardOverview } from "@/lib/services/dashboard/schemas";
import { apiGet } from "./helpers/api";
import { screenshotBoth } from "./helpers/screens";
import { signInOnce } from "./helpers/session";

const KPI_TEST_IDS = {
  calls: "kpi-calls",
  answered: "kpi-answered",
  answerRate: "kpi-answer-rate",
  avgDurationSec: "kpi-avg-duration",
  bookings: "kpi-bookings",
  conversion: "kpi-conversion",
} as const satisfies Record<keyof DashboardOverview["kpis"], string>;

const COUNTS = new Set(["calls", "answered", "bookings"]);
const RATES = new Set(["answerRate", "conversion"]);

/** The text a KPI must show, spelled out here rather than imported from the page. */
function expectedText(name: string, value: number | null): RegExp {
  if (value === null) return /^—$/;
  if (COUNTS.has(name)) return new RegExp(`^${value.toLocaleString("en-US")}$`);
  if (RATES.has(name)) return new RegExp(`^${(value * 100).toFixed(1)} %$`);
  const s = Math.round(value);
  return s < 60 ? new RegExp(`^${s} s$`) : new RegExp(`^${Math.floor(s / 60)} min ${String(s % 60).padStart(2, "0")} s$`);
}

/** Every KPI on screen equals what the overview API answers for that range, to the last digit. */
async function expectKpisMatchApi(page: Page, range: string) {
  const kpis = page.getByTestId("kpis");
  await expect(kpis).toHaveAttribute("data-state", "ready");
  await expect(kpis).toHaveAttribute("data-range", range);
  const { data: overview } = await apiGet<DashboardOverview>(page, `/api/v1/dashboard/overview?range=${range}`);
  expect(overview.kpis.calls.current, "the demo data has calls in this period").toBeGreaterThan(0);
  for (const [name, testId] of Object.entries(KPI_TEST_IDS)) {
    const kpi = overview.kpis[name as keyof typeof KPI_TEST_IDS];
    const value = page.getByTestId(testId);
    await expect(value.locator("[data-value]"), name).toHaveAttribute("data-value", kpi.current === null ? "" : String(kpi.current));
    await expect(value, name).toHaveText(expectedText(name, kpi.current));
  }
  return overview;
}

test.describe("/dashboard", () => {
  test.beforeEach(async ({ page }) => {
    await signInOnce(page, "owner@acme.test");
  });

  test("KPIs equal the API for the seeded data, and the range picker swaps them without reloading", async ({ page }) => {
    await page.goto("/dashboard");
    await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Last 7 days" })).toHaveAttribute("aria-pressed", "true");
    await expectKpisMatchApi(page, "7d");

    // The chart's text alternative totals the same series the API returns.
    const { data: week } = await apiGet<DashboardMetrics>(page, "/api/v1/dashboard/metrics?range=7d&interval=day");
    expect(week.series).toHaveLength(7);
    const weekCalls = week.series.reduce((n, p) => n + p.calls, 0);
    await expect(page.getByTestId("trend-chart").locator("svg.recharts-surface[role=application]")).toBeVisible();
    await expect(page.getByTestId("trend-chart").locator("figcaption")).toContainText(`${weekCalls.toLocaleString("en-US")} calls`);

    // Same page, new range: the URL follows and nothing reloads.
    await page.evaluate(() => Object.assign(window, { __sameDocument: true }));
    await page.getByRole("button", { name: "Last 30 days" }).click();
    await expect(page).toHaveURL(/\/dashboard\?range=30d$/);
    const month = await expectKpisMatchApi(page, "30d");
    const { data: monthSeries } = await apiGet<DashboardMetrics>(page, "/api/v1/dashboard/metrics?range=30d&interval=day");
    expect(monthSeries.series.reduce((n, p) => n + p.calls, 0)).toBe(month.kpis.calls.current);
    await expect(page.getByTestId("trend-chart").locator("figcaption")).toContainText(
      `${month.kpis.calls.current!.toLocaleString("en-US")} calls`,
    );
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);

    await page.getByRole("button", { name: "Last 90 days" }).click();
    await expectKpisMatchApi(page, "90d");

    // Back returns to the previous range; a reload keeps the one in the URL.
    await page.goBack();
    await expect(page).toHaveURL(/\?range=30d$/);
    await expectKpisMatchApi(page, "30d");
    await page.reload();
    await expect(page.getByRole("button", { name: "Last 30 days" })).toHaveAttribute("aria-pressed", "true");
    await expectKpisMatchApi(page, "30d");

    // Today: the numbers, or the empty state when nothing has come in yet today.
    await page.getByRole("button", { name: "Today" }).click();
    await expect(page.getByTestId("kpis")).toHaveAttribute("data-range", "today");
    const { data: today } = await apiGet<DashboardOverview>(page, "/api/v1/dashboard/overview?range=today");
    if (today.kpis.calls.current === 0) await expect(page.getByTestId("trend-empty")).toContainText("No calls yet in this period");
    else await expect(page.getByTestId("trend-chart")).toBeVisible();
  });

  test("the activity feed lists the API's events, and a call opens its page", async ({ page }) => {
    await page.goto("/dashboard");
    const { data: activity } = await apiGet<ActivityItem[]>(page, "/api/v1/dashboard/activity?limit=20");
    const items = page.getByTestId("activity-item");
    await expect(items).toHaveCount(activity.length);
    const kinds = await items.evaluateAll((els) => els.map((el) => el.getAttribute("data-kind")));
    expect(kinds).toEqual(activity.map((a) => a.kind));
    await expect(items.first().locator("time")).toHaveText(/ago$|^0 seconds/);

    const firstCall = activity.find((a) => a.kind === "call");
    expect(firstCall, "the demo data has recent calls").toBeTruthy();
    const link = page.getByTestId("activity-feed").locator(`a[href="/calls/${firstCall!.id}"]`).first();
    await expect(link).toBeVisible();

    await screenshotBoth(page, "dashboard", async () => {
      await expect(page.getByTestId("kpis")).toHaveAttribute("data-state", "ready");
      await expect(page.getByTestId("trend-chart").locator("svg.recharts-surface[role=application]")).toBeVisible();
    });

    await link.click();
    await expect(page).toHaveURL(new RegExp(`/calls/${firstCall!.id}$`));
    await expect(page.getByTestId("call-title")).toBeVisible();
  });

  test("errors speak plainly: 429 with the wait, 503 as temporarily unavailable", async ({ page }) => {
    const envelope = (code: string, message: string) => JSON.stringify({ error: { code, message, requestId: "req_e2e_fault" } });
    // Retry-After beyond what the client waits out by itself, so the message shows at once.
    await page.route(/\/api\/v1\/dashboard\/overview\b/, (route) =>
      route.fulfill({
        status: 429,
        contentType: "application/json",
        headers: { "retry-after": "45" },
        body: envelope("rate_limited", "Rate limit exceeded (endpoint layer). Retry in 45 s."),
      }),
    );
    await page.route(/\/api\/v1\/dashboard\/metrics\b/, (route) =>
      route.fulfill({
        status: 503,
        contentType: "application/json",
        headers: { "retry-after": "60" },
        body: envelope("service_unavailable", "Service unavailable."),
      }),
    );
    await page.goto("/dashboard?range=30d");

    const limited = page.getByTestId("kpis").getByRole("alert");
    await expect(limited).toContainText(/You're going a bit fast — try again in (4[0-5]|3\d) s/);
    await expect(limited).toContainText("req_e2e_fault");
    const unavailable = page.getByRole("alert").filter({ hasText: "The trend is temporarily unavailable" });
    await expect(unavailable).toContainText(/try again in \d+ s/);
    await expect(unavailable.getByRole("button", { name: "Try again" })).toBeDisabled();
    // The feed has its own request and still works.
    await expect(page.getByTestId("activity-item").first()).toBeVisible();
    await page.screenshot({ path: "test-results/screens/dashboard-errors-desktop.png", fullPage: true });
  });
});
