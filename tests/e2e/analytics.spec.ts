import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import type { AnalyticsKpis, AnalyticsTrend } from "@/lib/services/analytics/schemas";
import { addDays, daysBetween } from "@/lib/time/add-days";
import { apiGet } from "./helpers/api";
import { expectAccessible } from "./helpers/axe";
import { csvRecords } from "./helpers/csv";
import { screenshotBoth, sideScrollAtNarrow } from "./helpers/screens";
import { signInOnce } from "./helpers/session";

const SHOTS = "/tmp/analytics-shots";

const KPI_VALUES = {
  "kpi-calls": (k: AnalyticsKpis) => k.kpis.calls.current,
  "kpi-answer-rate": (k: AnalyticsKpis) => k.kpis.answerRate.current,
  "kpi-avg-duration": (k: AnalyticsKpis) => k.kpis.avgDurationSec.current,
  "kpi-bookings": (k: AnalyticsKpis) => k.kpis.bookings.current,
  "kpi-conversion": (k: AnalyticsKpis) => k.kpis.conversion.current,
  "kpi-no-show-rate": (k: AnalyticsKpis) => k.kpis.noShowRate.current,
  "kpi-positive": (k: AnalyticsKpis) => k.sentiment.positive.current,
  "kpi-negative": (k: AnalyticsKpis) => k.sentiment.negative.current,
};

/** The range the page shows (from its KPI section), once its numbers are this range's. */
async function shownRange(page: Page): Promise<{ from: string; to: string }> {
  const kpis = page.getByTestId("kpis");
  await expect(kpis).toHaveAttribute("data-state", "ready");
  return { from: (await kpis.getAttribute("data-from"))!, to: (await kpis.getAttribute("data-to"))! };
}

/** Every KPI card, the revenue and the disconnection reasons equal the API's answer for the range on screen. */
async function expectKpisMatchApi(page: Page, days: number): Promise<AnalyticsKpis> {
  const { from, to } = await shownRange(page);
  expect(daysBetween(from, to) + 1).toBe(days);
  const { data } = await apiGet<AnalyticsKpis>(page, `/api/v1/analytics/kpis?from=${from}&to=${to}`);
  for (const [testId, pick] of Object.entries(KPI_VALUES)) {
    const value = pick(data);
    await expect(page.getByTestId(testId).locator("[data-value]"), testId).toHaveAttribute(
      "data-value",
      value === null ? "" : String(value),
    );
  }
  for (const r of data.revenue)
    await expect(page.getByTestId(`kpi-revenue-${r.currency.toLowerCase()}`).locator("[data-value]")).toHaveAttribute(
      "data-value",
      String(r.current),
    );
  const reasons = data.disconnectionReasons.filter((r) => r.current > 0);
  const rows = page.getByTestId("reason-row");
  await expect(rows).toHaveCount(reasons.length);
  expect(await rows.evaluateAll((els) => els.map((el) => [el.getAttribute("data-reason"), Number(el.getAttribute("data-value"))]))).toEqual(
    reasons.map((r) => [r.reason, r.current]),
  );
  // When callers call: the heatmap's 7 × 24 cells are the API's grid, and add up to the calls.
  const cells = page.getByTestId("heat-cell");
  await expect(cells).toHaveCount(7 * 24);
  expect(await cells.evaluateAll((els) => els.map((el) => Number(el.getAttribute("data-value"))))).toEqual(data.callsByWeekdayHour.flat());
  expect(data.callsByWeekdayHour.flat().reduce((a, b) => a + b, 0)).toBe(data.kpis.calls.current);
  return data;
}

/** The trend on screen (as its table) equals the API's series for the same metric, interval and range. */
async function expectTrendMatchesApi(page: Page, metric: string, interval: string) {
  const trend = page.getByTestId("trend");
  await expect(trend).toHaveAttribute("data-metric", metric);
  await expect(trend).toHaveAttribute("data-interval", interval);
  const { from, to } = await shownRange(page);
  const { data } = await apiGet<AnalyticsTrend>(
    page,
    `/api/v1/analytics/trends?metric=${metric}&interval=${interval}&from=${from}&to=${to}`,
  );
  await expect(trend).toHaveAttribute("data-points", String(data.series.length));
  const rows = page.getByTestId("trend-row");
  await expect(rows).toHaveCount(data.series.length);
  expect(await rows.evaluateAll((els) => els.map((el) => [el.getAttribute("data-start"), el.getAttribute("data-value")]))).toEqual(
    data.series.map((p) => [p.start, p.value === null ? "" : String(p.value)]),
  );
}

test.describe("/analytics", () => {
  test("KPIs, reasons and the trend equal the API; range, metric and interval live in the URL", async ({ page }) => {
    await signInOnce(page, "owner@acme.test");
    await page.goto("/analytics");
    await expect(page.getByRole("heading", { name: "Analytics", level: 1 })).toBeVisible();
    await expect(page.getByRole("button", { name: "Last 30 days" })).toHaveAttribute("aria-pressed", "true");
    const month = await expectKpisMatchApi(page, 30);
    expect(month.kpis.calls.current, "the demo data has calls in the last 30 days").toBeGreaterThan(0);
    await expect(page.getByTestId("trend-chart").locator("svg.recharts-surface")).toBeVisible();
    await expectAccessible(page);
    await screenshotBoth(
      page,
      "analytics-30d",
      async () => {
        await expect(page.getByTestId("trend-chart").locator("svg.recharts-surface")).toBeVisible();
      },
      SHOTS,
    );

    expect(await sideScrollAtNarrow(page), "nothing scrolls sideways at 360 px").toBe(0);

    // The chart's text equivalent: the same buckets as a table.
    await page.getByRole("button", { name: "Show as a table" }).click();
    await expectTrendMatchesApi(page, "calls", "day");

    // Range: a preset pushes ?range= and swaps the numbers.
    await page.getByRole("button", { name: "Last 90 days" }).click();
    await expect(page).toHaveURL(/[?&]range=90d\b/);
    await expectKpisMatchApi(page, 90);

    // Interval and metric: the URL follows, the trend is the API's for them.
    await page.getByRole("button", { name: "By week" }).click();
    await expect(page).toHaveURL(/[?&]interval=week\b/);
    await expectTrendMatchesApi(page, "calls", "week");
    await page.getByTestId("trend-metric").selectOption("answerRate");
    await expect(page).toHaveURL(/[?&]metric=answerRate\b/);
    await expectTrendMatchesApi(page, "answerRate", "week");
    await page.getByRole("button", { name: "By month" }).click();
    await expect(page).toHaveURL(/[?&]interval=month\b/);
    await expectTrendMatchesApi(page, "answerRate", "month");
    await expectAccessible(page);
    await screenshotBoth(page, "analytics-90d-month-table", undefined, SHOTS);

    // A custom range goes into ?from&to; a reload keeps everything.
    const { to } = await shownRange(page);
    const from = addDays(to, -13);
    await page.getByTestId("range-from").fill(from);
    await page.getByTestId("range-to").fill(to);
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(new RegExp(`from=${from}.*to=${to}|to=${to}.*from=${from}`));
    await expectKpisMatchApi(page, 14);
    await page.reload();
    await expectKpisMatchApi(page, 14);
    await page.getByRole("button", { name: "Show as a table" }).click();
    await expectTrendMatchesApi(page, "answerRate", "month");
  });

  test("a daily summary report downloads with the rows it promised", async ({ page }) => {
    await signInOnce(page, "owner@acme.test");
    await page.goto("/analytics?range=7d");
    const { from, to } = await shownRange(page);
    await page.getByTestId("report-kind").selectOption("daily_summary");
    const created = page.waitForResponse((r) => r.url().endsWith("/api/v1/analytics/reports") && r.request().method() === "POST");
    await page.getByTestId("report-create").click();
    expect((await created).status()).toBe(202);
    const status = page.getByTestId("report-status");
    await expect(status).toHaveAttribute("data-status", "done", { timeout: 30_000 });
    const promised = Number(await page.getByTestId("report-rows").getAttribute("data-value"));
    expect(promised).toBe(daysBetween(from, to) + 1);
    await expectAccessible(page);
    await screenshotBoth(page, "analytics-report-ready", undefined, SHOTS);

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("report-download").click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const records = csvRecords(await readFile((await download.path())!, "utf8"));
    expect(records).toHaveLength(promised);
    expect(records.map((r) => r.day)).toEqual(Array.from({ length: promised }, (_, i) => addDays(from, i)));
    // The file's calls add up to the KPI on the page for the same range.
    const calls = records.reduce((n, r) => n + Number(r.calls), 0);
    await expect(page.getByTestId("kpi-calls").locator("[data-value]")).toHaveAttribute("data-value", String(calls));
  });

  test("a viewer holds analytics:read (every company role does) and sees the page, not the notice", async ({ page }) => {
    await signInOnce(page, "viewer@acme.test");
    await page.goto("/analytics");
    await expect(page.getByTestId("not-allowed")).toHaveCount(0);
    await expectKpisMatchApi(page, 30);
    await expectAccessible(page);
  });
});
