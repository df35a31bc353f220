import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import type { AppointmentDetail, CalendarDay, CalendarItem } from "@/lib/services/appointments/schemas";
import type { CallDetail, CallListItem } from "@/lib/services/calls/schemas";
import { apiGet, sameOrigin } from "./helpers/api";
import { screenshotBoth } from "./helpers/screens";
import { signInOnce } from "./helpers/session";

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** The dashboard's bookings KPI for the default range (last 7 days), as the page shows it. */
async function dashboardBookings(page: Page): Promise<number> {
  await page.goto("/dashboard");
  await expect(page.getByTestId("kpis")).toHaveAttribute("data-state", "ready");
  const value = await page.getByTestId("kpi-bookings").locator("[data-value]").getAttribute("data-value");
  return Number(value);
}

/** An ended call of the last few days with no booking yet, whose customer has an email (Cal.com needs one). */
async function callToBookFor(page: Page): Promise<CallDetail> {
  const { data } = await apiGet<CallListItem[]>(page, `/api/v1/calls?status=ended&from=${day(-5)}&limit=60`);
  for (const c of data) {
    if (!c.customer) continue;
    const { data: detail } = await apiGet<CallDetail>(page, `/api/v1/calls/${c.id}`);
    if (!detail.appointment && detail.customer?.email) return detail;
  }
  throw new Error("the demo data has no recent call without a booking");
}

async function expectNoSeriousAxe(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test.describe("/calendar — a member", () => {
  test.beforeEach(async ({ page }) => {
    await signInOnce(page, "member@acme.test");
  });

  test("books from a free slot for a call, reschedules, marks no-show; the dashboard's bookings follow", async ({ page }) => {
    const before = await dashboardBookings(page);
    const call = await callToBookFor(page);

    await page.goto(`/calls/${call.id}`);
    await page.getByTestId("book-from-call-link").click();
    await expect(page).toHaveURL(/\/calendar\?call=/);
    const dialog = page.getByTestId("book-dialog");
    await expect(dialog.getByTestId("book-from-call")).toContainText("From the call of");
    await expect(dialog.getByTestId("picked-customer")).toContainText(call.customer!.name);
    const firstSlot = dialog.getByTestId("slot").first();
    const start = await firstSlot.getAttribute("data-start");
    await firstSlot.click();
    await expect(firstSlot).toHaveAttribute("aria-checked", "true");
    await dialog.getByRole("button", { name: "Book", exact: true }).click();

    const sheet = page.getByTestId("booking-sheet");
    await expect(sheet).toBeVisible();
    await expect(sheet.getByTestId("booking-status")).toContainText("Confirmed");
    await expect(sheet.getByTestId("source-call")).toHaveAttribute("href", `/calls/${call.id}`);
    const bookedId = new URL(page.url()).searchParams.get("booking")!;
    const { data: booked } = await apiGet<AppointmentDetail>(page, `/api/v1/appointments/${bookedId}`);
    expect(booked).toMatchObject({
      startAt: new Date(start!).toISOString(),
      sourceCall: { id: call.id },
      customer: { id: call.customer!.id },
    });
    await expectNoSeriousAxe(page);

    // Reschedule to another free slot: the sheet follows the new booking, the old one is cancelled.
    await sheet.getByRole("button", { name: "Reschedule" }).click();
    const move = page.getByTestId("reschedule-dialog");
    const other = move.getByTestId("slot").nth(3);
    const newStart = await other.getAttribute("data-start");
    await other.click();
    await move.getByRole("button", { name: "Move booking" }).click();
    await expect(page).not.toHaveURL(new RegExp(`booking=${bookedId}`));
    const movedId = new URL(page.url()).searchParams.get("booking")!;
    const { data: moved } = await apiGet<AppointmentDetail>(page, `/api/v1/appointments/${movedId}`);
    expect(moved).toMatchObject({ startAt: new Date(newStart!).toISOString(), status: "confirmed", sourceCall: { id: call.id } });
    expect((await apiGet<AppointmentDetail>(page, `/api/v1/appointments/${bookedId}`)).data).toMatchObject({
      status: "cancelled",
      cancelReason: "Rescheduled",
    });

    await sheet.getByRole("button", { name: "Mark no-show" }).click();
    await expect(sheet.getByTestId("booking-status")).toContainText("No-show");
    await expect(sheet.getByRole("button", { name: "Mark no-show" })).toHaveCount(0);
    await page.keyboard.press("Escape");
    await expect(sheet).toBeHidden();

    // The no-show filter finds it in its week; the old time shows nowhere but as cancelled.
    await page.goto(`/calendar?view=week&status=no_show&date=${newStart!.slice(0, 10)}`);
    await expect(page.getByTestId("calendar")).toHaveAttribute("data-state", "ready");
    await expect(page.locator(`[data-testid=booking][data-start="${moved.startAt}"]`).first()).toHaveAttribute("data-status", "no_show");
    const { data: week } = await apiGet<CalendarItem[]>(page, `/api/v1/appointments?from=${day(-1)}&to=${day(40)}`);
    expect(week.filter((i) => i.sourceCallId === call.id).map((i) => [i.startAt, i.status])).toEqual(
      expect.arrayContaining([
        [booked.startAt, "cancelled"],
        [moved.startAt, "no_show"],
      ]),
    );

    // One booking for the call, however often it moved.
    expect(await dashboardBookings(page)).toBe(before + 1);
  });

  test("week and month views, the day list on phones, keyboard to a booking; no serious axe violation; screenshots", async ({ page }) => {
    const { data } = await apiGet<CalendarItem[]>(page, `/api/v1/appointments?from=${day(0)}&to=${day(30)}&status=confirmed`);
    expect(data.length, "the demo data has bookings ahead").toBeGreaterThan(0);
    const first = data[0]!;
    await page.goto(`/calendar?view=week&date=${first.startAt.slice(0, 10)}`);
    await expect(page.getByTestId("calendar")).toHaveAttribute("data-state", "ready");
    await expect(page.getByTestId("week-grid")).toBeVisible();
    await expect(page.getByTestId("business-hours").first()).toBeAttached();
    await expectNoSeriousAxe(page);
    await screenshotBoth(page, "calendar-week");

    // Keyboard: Tab reaches a booking, Enter opens its panel, Escape closes it.
    const chip = page.getByTestId("week-grid").getByTestId("booking").first();
    await chip.focus();
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("booking-sheet")).toBeVisible();
    await expectNoSeriousAxe(page);
    await page.keyboard.press("Escape");

    // The month view asks for the summary (counts and each day's first three), never every booking of its weeks.
    const asked: string[] = [];
    page.on("request", (r) => {
      if (new URL(r.url()).pathname.startsWith("/api/v1/appointments")) asked.push(new URL(r.url()).pathname);
    });
    const summaryAnswer = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/v1/appointments/summary" && r.ok());
    await page.getByRole("tab", { name: "Month" }).click();
    const { data: month } = (await (await summaryAnswer).json()) as { data: CalendarDay[] };
    await expect(page).toHaveURL(/view=month/);
    const grid = page.getByTestId("month-grid");
    await expect(grid).toBeVisible();
    await expect(page.getByTestId("calendar")).toHaveAttribute("data-state", "ready");
    expect(asked).not.toContain("/api/v1/appointments");
    expect(month.length % 7).toBe(0);
    for (const d of month) {
      const cell = grid.locator(`[data-date="${d.date}"]`);
      await expect(cell.getByTestId("booking"), d.date).toHaveCount(Math.min(d.total, 3));
      await expect(cell.getByTestId("day-more"), d.date).toHaveCount(d.total > 3 ? 1 : 0);
      if (d.total > 3) await expect(cell.getByTestId("day-more")).toHaveText(`+${d.total - 3} more`);
    }
    await expectNoSeriousAxe(page);
    await screenshotBoth(page, "calendar-month");

    // On a phone the month is a list of its days: the same first three, the same "+n more".
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(grid).toBeHidden();
    const phoneList = page.getByTestId("day-list").last();
    await expect(phoneList).toBeVisible();
    await expect(phoneList.getByTestId("booking")).toHaveCount(month.reduce((n, d) => n + Math.min(d.total, 3), 0));
    await expect(phoneList.getByTestId("day-more")).toHaveCount(month.filter((d) => d.total > 3).length);
    await page.setViewportSize({ width: 1280, height: 900 });

    // The busiest day: "+n more" (or its number) opens the day, which lists every booking of it.
    const busiest = month.reduce((a, b) => (b.total > a.total ? b : a));
    expect(busiest.total, "the demo month has bookings").toBeGreaterThan(0);
    const busyCell = grid.locator(`[data-date="${busiest.date}"]`);
    await (busiest.total > 3 ? busyCell.getByTestId("day-more") : busyCell.getByRole("button", { name: /^Open / })).click();
    await expect(page).toHaveURL(new RegExp(`view=day.*date=${busiest.date}|date=${busiest.date}.*view=day`));
    await expect(page.getByTestId("calendar")).toHaveAttribute("data-state", "ready");
    await expect(page.getByTestId("day-list").getByTestId("booking")).toHaveCount(busiest.total);
  });

  test("books for a customer from their page: ?customer= picks them in the booking dialog", async ({ page }) => {
    const { data: found } = await apiGet<Array<{ id: string; name: string; email: string | null }>>(page, "/api/v1/customers?limit=50");
    const customer = found.find((c) => c.email);
    expect(customer, "the demo data has a customer with an email").toBeTruthy();
    await page.goto(`/customers/${customer!.id}`);
    await page.getByTestId("book-appointment").click();
    await expect(page).toHaveURL(new RegExp(`/calendar\\?customer=${customer!.id}`));
    const dialog = page.getByTestId("book-dialog");
    await expect(dialog.getByTestId("picked-customer")).toContainText(customer!.name);
    await expectNoSeriousAxe(page);
    const slot = dialog.getByTestId("slot").nth(2);
    const start = await slot.getAttribute("data-start");
    await slot.click();
    await dialog.getByRole("button", { name: "Book", exact: true }).click();
    await expect(page.getByTestId("booking-sheet")).toBeVisible();
    await expect(page).not.toHaveURL(/customer=/);
    const bookedId = new URL(page.url()).searchParams.get("booking")!;
    const { data: booked } = await apiGet<AppointmentDetail>(page, `/api/v1/appointments/${bookedId}`);
    expect(booked).toMatchObject({ customerId: customer!.id, startAt: new Date(start!).toISOString(), sourceCall: null });
  });
});

test.describe("/calendar — a viewer", () => {
  test.beforeEach(async ({ page }) => {
    await signInOnce(page, "viewer@acme.test");
  });

  test("sees bookings but no write action, and the server refuses a write", async ({ page }) => {
    const { data } = await apiGet<CalendarItem[]>(page, `/api/v1/appointments?from=${day(0)}&to=${day(30)}&status=confirmed`);
    const target = data[0]!;
    await page.goto(`/calendar?view=week&date=${target.startAt.slice(0, 10)}&booking=${target.id}`);
    const sheet = page.getByTestId("booking-sheet");
    await expect(sheet.getByTestId("booking-status")).toContainText("Confirmed");
    await expect(page.getByTestId("book-button")).toHaveCount(0);
    for (const name of ["Mark completed", "Mark no-show", "Reschedule", "Cancel booking", "Confirm"]) {
      await expect(sheet.getByRole("button", { name, exact: true })).toHaveCount(0);
    }
    const res = await page.request.patch(`/api/v1/appointments/${target.id}`, { data: { status: "completed" }, headers: sameOrigin() });
    expect(res.status()).toBe(403);
    const book = await page.request.post("/api/v1/appointments", {
      data: { customerId: target.customerId, start: target.startAt },
      headers: sameOrigin(),
    });
    expect(book.status()).toBe(403);
    expect((await apiGet<AppointmentDetail>(page, `/api/v1/appointments/${target.id}`)).data.status).toBe("confirmed");
  });
});
