import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import type { CallDetail, CallListItem } from "@/lib/services/calls/schemas";
import type { ActivityItem } from "@/lib/services/dashboard/schemas";
import type { ExportView } from "@/lib/services/exports/schemas";
import { apiGet, sameOrigin } from "./helpers/api";
import { csvRecords } from "./helpers/csv";
import { PHONE, screenshotBoth } from "./helpers/screens";
import { signInOnce } from "./helpers/session";

type Filters = Record<string, string>;
type ListMeta = { nextCursor: string | null; limit: number };

const rows = (page: Page) => page.getByTestId("call-row");

async function listReady(page: Page) {
  await expect(page.getByTestId("calls-list")).toHaveAttribute("data-state", "ready");
}

/** The ids of the rows on screen, in order (from each row's link). */
function shownIds(page: Page): Promise<string[]> {
  return rows(page)
    .getByTestId("call-link")
    .evaluateAll((links) => links.map((a) => a.getAttribute("href")!.replace(/^\/calls\//, "")));
}

/** One attribute of one cell across every row on screen. */
function columnValues(page: Page, testId: string): Promise<Array<string | null>> {
  return rows(page)
    .getByTestId(testId)
    .evaluateAll((els) => els.map((el) => el.getAttribute("data-value")));
}

function apiPage(page: Page, filters: Filters, cursor: string | null = null, limit = 25) {
  const qs = new URLSearchParams({ ...filters, limit: String(limit), ...(cursor ? { cursor } : {}) });
  return apiGet<CallListItem[], ListMeta>(page, `/api/v1/calls?${qs}`);
}

/** Every call the API lists under these filters, walking all pages. */
async function allCalls(page: Page, filters: Filters): Promise<CallListItem[]> {
  const calls: CallListItem[] = [];
  let cursor: string | null = null;
  do {
    const res: { data: CallListItem[]; meta?: ListMeta } = await apiPage(page, filters, cursor, 100);
    calls.push(...res.data);
    cursor = res.meta?.nextCursor ?? null;
  } while (cursor);
  return calls;
}

async function expectPage(page: Page, number: number, expected: CallListItem[], filters: Filters) {
  // A click's URL change reaches React a moment later: wait for these rows rather than read the old ones.
  await expect.poll(() => shownIds(page)).toEqual(expected.map((c) => c.id));
  await listReady(page);
  await expect(page.getByTestId("page-number")).toHaveText(`Page ${number}`);
  if (filters.status) expect(new Set(await columnValues(page, "call-status"))).toEqual(new Set([filters.status]));
  if (filters.direction) expect(new Set(await columnValues(page, "call-direction"))).toEqual(new Set([filters.direction]));
}

const searchParam = (page: Page, name: string) => new URL(page.url()).searchParams.get(name);

test.describe("/calls", () => {
  test("filters by status and direction, pages forward and back through the URL, searches, and opens a call", async ({ page }) => {
    await signInOnce(page, "owner@acme.test");
    await page.goto("/calls");
    await expect(page.getByRole("heading", { name: "Calls", exact: true })).toBeVisible();
    await listReady(page);
    const unfiltered = await apiPage(page, {});
    await expect(rows(page)).toHaveCount(25);
    expect(await shownIds(page)).toEqual(unfiltered.data.map((c) => c.id));

    // Filters: each lands in the URL, and every row matches.
    await page.getByLabel("Status", { exact: true }).selectOption("ended");
    await expect.poll(() => searchParam(page, "status")).toBe("ended");
    await page.getByLabel("Direction", { exact: true }).selectOption("inbound");
    await expect.poll(() => searchParam(page, "direction")).toBe("inbound");
    const filters = { status: "ended", direction: "inbound" };
    const p1 = await apiPage(page, filters);
    const p2 = await apiPage(page, filters, p1.meta!.nextCursor);
    const p3 = await apiPage(page, filters, p2.meta!.nextCursor);
    expect(p3.data.length, "the demo data has at least three pages of ended inbound calls").toBe(25);
    await expectPage(page, 1, p1.data, filters);
    await expect(page.getByTestId("page-previous")).toBeDisabled();

    // Forward twice; the cursor (and the way back) live in the URL.
    await page.getByTestId("page-next").click();
    await expect.poll(() => searchParam(page, "cursor")).toBe(p1.meta!.nextCursor);
    await expectPage(page, 2, p2.data, filters);
    await page.getByTestId("page-next").click();
    await expectPage(page, 3, p3.data, filters);
    await page.reload();
    await expectPage(page, 3, p3.data, filters);
    await expect(page.getByLabel("Status", { exact: true })).toHaveValue("ended");

    // Back: with the button, then with the browser.
    await page.getByTestId("page-previous").click();
    await expectPage(page, 2, p2.data, filters);
    await page.goBack();
    await expectPage(page, 3, p3.data, filters);
    await page.getByTestId("page-previous").click();
    await page.getByTestId("page-previous").click();
    await expectPage(page, 1, p1.data, filters);
    expect(searchParam(page, "cursor")).toBeNull();

    // Search: debounced into the URL, the same rows as the API.
    const name = p1.data.find((c) => c.customer)!.customer!.name;
    await page.getByLabel("Search calls").fill(name);
    await expect.poll(() => searchParam(page, "q")).toBe(name);
    const searched = await apiPage(page, { ...filters, q: name });
    expect(searched.data.length).toBeGreaterThan(0);
    await expect.poll(() => shownIds(page)).toEqual(searched.data.map((c) => c.id));
    await listReady(page);

    await screenshotBoth(page, "calls", () => listReady(page));
    // Phone width: the rows stack into cards (no header row, a label per value).
    await page.setViewportSize(PHONE);
    await expect(page.locator("thead")).toBeHidden();
    await expect(rows(page).first().getByText("Duration", { exact: true })).toBeVisible();
    await page.setViewportSize({ width: 1280, height: 900 });

    // A click anywhere on a row opens the call.
    const target = searched.data.find((c) => c.answered && c.customer)!;
    const row = rows(page).filter({ has: page.locator(`a[href="/calls/${target.id}"]`) });
    await row.getByTestId("call-answered").click();
    await expect(page).toHaveURL(new RegExp(`/calls/${target.id}$`));
    const { data: call } = await apiGet<CallDetail>(page, `/api/v1/calls/${target.id}`);
    await expect(page.getByTestId("call-title")).toHaveText(`Call from ${call.customer?.name}`);
    const turns = page.getByTestId("transcript-turn");
    expect(call.transcriptTurns.length).toBeGreaterThan(1);
    await expect(turns).toHaveCount(call.transcriptTurns.length);
    expect(await turns.evaluateAll((els) => els.map((el) => el.getAttribute("data-speaker")))).toEqual(
      call.transcriptTurns.map((t) => t.speaker),
    );
    await expect(turns.first()).toContainText(call.transcriptTurns[0]!.text);
    await expect(page.getByTestId("recording-player")).toHaveAttribute("src", call.recordingUrl!);
    await expect(page.getByTestId("call-analysis")).toContainText(call.analysis!.userSentiment!);
    await screenshotBoth(page, "call-detail");

    // Back to the list: filters, search and page as they were.
    await page.goBack();
    await expect.poll(() => shownIds(page)).toEqual(searched.data.map((c) => c.id));
    expect(searchParam(page, "q")).toBe(name);
    await expect(page.getByLabel("Search calls")).toHaveValue(name);
  });

  test("an unknown call is a 404 page with a way back", async ({ page }) => {
    await signInOnce(page, "owner@acme.test");
    const res = await page.goto("/calls/call_doesnotexist00000000");
    expect(res?.status()).toBe(404);
    await expect(page.getByTestId("call-not-found")).toContainText("We couldn't find that call");
    await page.screenshot({ path: "test-results/screens/call-detail-not-found-desktop.png", fullPage: true });
    await page.getByRole("link", { name: "Back to calls" }).click();
    await expect(page).toHaveURL(/\/calls$/);
    await listReady(page);
  });

  test("a call that booked an appointment shows the booking and its customer", async ({ page }) => {
    await signInOnce(page, "owner@acme.test");
    const { data: activity } = await apiGet<ActivityItem[]>(page, "/api/v1/dashboard/activity?limit=50");
    const booking = activity.find(
      (a): a is Extract<ActivityItem, { kind: "appointment" }> => a.kind === "appointment" && a.sourceCallId !== null,
    );
    expect(booking, "the demo data has recent bookings made during calls").toBeTruthy();
    await page.goto(`/calls/${booking!.sourceCallId}`);
    const { data: call } = await apiGet<CallDetail>(page, `/api/v1/calls/${booking!.sourceCallId}`);
    expect(call.appointment?.id).toBe(booking!.id);
    await expect(page.getByTestId("call-appointment")).toContainText(call.appointment!.title);
    await expect(page.getByTestId("call-customer")).toContainText(call.customer!.name);
    await expect(page.getByTestId("call-analysis")).toContainText(call.analysis!.summary!);
    await screenshotBoth(page, "call-detail-booked");
    // The customer link narrows the list to their calls.
    await page
      .getByTestId("call-customer")
      .getByRole("link", { name: /All calls with/ })
      .click();
    await expect.poll(() => searchParam(page, "customerId")).toBe(call.customer!.id);
    await listReady(page);
    expect(await shownIds(page)).toContain(call.id);
    await expect(page.getByTestId("call-filters")).toContainText(`Only calls with ${call.customer!.name}`);
  });

  test("a member exports the filtered calls and downloads exactly those rows", async ({ page }) => {
    await signInOnce(page, "member@acme.test");
    await page.goto("/calls");
    await listReady(page);
    await page.getByLabel("Status", { exact: true }).selectOption("ended");
    await page.getByLabel("Direction", { exact: true }).selectOption("outbound");
    await expect.poll(() => searchParam(page, "direction")).toBe("outbound");
    await listReady(page);
    const filters = { status: "ended", direction: "outbound" };

    const polled: ExportView[] = [];
    page.on("response", async (res) => {
      if (/\/api\/v1\/exports\/[^/]+$/.test(new URL(res.url()).pathname) && res.ok())
        polled.push(((await res.json()) as { data: ExportView }).data);
    });
    const created = page.waitForResponse(
      (res) => new URL(res.url()).pathname === "/api/v1/calls/export" && res.request().method() === "POST",
    );
    await page.getByTestId("export-button").click();
    const post = await created;
    expect(post.status()).toBe(202);
    expect(post.request().postDataJSON()).toEqual(filters);

    const status = page.getByTestId("export-status");
    await expect(status).toBeVisible();
    await expect(status).toHaveAttribute("data-status", "done", { timeout: 60_000 });
    expect(polled.length, "the page polled the export").toBeGreaterThan(0);
    expect(polled.at(-1)).toMatchObject({ status: "done", progress: 100 });
    await page.screenshot({ path: "test-results/screens/calls-export-done-desktop.png" });

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-download").click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const records = csvRecords(await readFile(await download.path(), "utf8"));
    const expected = await allCalls(page, filters);
    expect(expected.length).toBeGreaterThan(25);
    expect(records.map((r) => r.id).sort()).toEqual(expected.map((c) => c.id).sort());
    expect(records.every((r) => r.status === "ended" && r.direction === "outbound")).toBe(true);
    await expect(status).toContainText(`${expected.length} calls exported`);
  });

  test("a viewer sees no Export button, and the API refuses their export", async ({ page }) => {
    await signInOnce(page, "viewer@acme.test");
    await page.goto("/calls");
    await listReady(page);
    await expect(rows(page).first()).toBeVisible();
    await expect(page.getByTestId("export-button")).toHaveCount(0);
    const res = await page.request.post("/api/v1/calls/export", { data: {}, headers: sameOrigin() });
    expect(res.status()).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("forbidden");
  });
});
