import { mkdirSync } from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import bcrypt from "bcryptjs";
import { createConnection } from "mysql2/promise";
import { createId } from "@/lib/ids/create-id";
import type { AdminCompanyDetail } from "@/lib/services/admin/schemas";
import { TEST_ENV } from "../setup/test-env";
import { apiGet, sameOrigin } from "./helpers/api";
import { expectAccessible } from "./helpers/axe";
import { screenshotBoth, sideScrollAtNarrow } from "./helpers/screens";
import { signInOnce } from "./helpers/session";
import { signIn } from "./helpers/sign-in";

const SHOTS = "/tmp/admin-shots";
const shot = (page: Page, name: string) => screenshotBoth(page, name, undefined, SHOTS);

/**
 * A company of this spec's own (no other spec reads it): FREE, one owner. Inserted like settings.spec's
 * extra member, since there is no sign-up; the e2e database is recreated every run.
 */
const run = Date.now().toString(36);
const own = {
  name: `Console Test Clinic ${run}`,
  slug: `console-test-${run}`,
  owner: `owner-${run}@console.test`,
  id: createId("company"),
};

test.beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  const db = await createConnection(TEST_ENV.DATABASE_URL!);
  try {
    await db.query("INSERT INTO companies (id, name, slug, tier) VALUES (?, ?, ?, 'FREE')", [own.id, own.name, own.slug]);
    const userId = createId("user");
    await db.query("INSERT INTO users (id, email, name, password_hash) VALUES (?, ?, 'Console Owner', ?)", [
      userId,
      own.owner,
      await bcrypt.hash(process.env.DEMO_PASSWORD ?? "switchboard-demo", 4),
    ]);
    await db.query("INSERT INTO memberships (id, company_id, user_id, role) VALUES (?, ?, ?, 'owner')", [
      createId("membership"),
      own.id,
      userId,
    ]);
  } finally {
    await db.end();
  }
});

/** A page in a context of its own (axe needs one, and each person keeps their own cookies). */
async function newPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

async function rootPage(browser: Browser): Promise<Page> {
  const page = await newPage(browser);
  await signInOnce(page, "root@switchboard.test");
  return page;
}

test("a company owner has no Admin entry, and the console and its API refuse them", async ({ page }) => {
  await signInOnce(page, "owner@acme.test");
  await page.goto("/dashboard");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Dashboard" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Admin" })).toHaveCount(0);

  for (const path of ["/admin", "/admin/audit", `/admin/companies/${own.id}`]) {
    await page.goto(path);
    await expect(page.getByTestId("not-allowed")).toContainText("You don't have access to this page.");
    await expect(page.getByTestId("companies-list")).toHaveCount(0);
    await expect(page.getByTestId("admin-company")).toHaveCount(0);
  }
  await expectAccessible(page);
  await shot(page, "owner-refused");
  for (const path of ["/api/v1/admin/companies", `/api/v1/admin/companies/${own.id}`, "/api/v1/admin/audit-log"]) {
    expect((await page.request.get(path)).status(), path).toBe(403);
  }
  const preview = await page.request.post(`/api/v1/admin/companies/${own.id}/preview`, { data: { tier: "PRO" }, headers: sameOrigin() });
  expect(preview.status()).toBe(403);
});

test("a platform admin reaches the console from the navigation and filters companies in the URL", async ({ browser }) => {
  // Each page state checked with axe and shot at two widths, on a shared 2-core machine.
  test.setTimeout(120_000);
  const page = await rootPage(browser);
  await page.goto("/dashboard");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByTestId("companies-list")).toHaveAttribute("data-state", "ready");
  await expect(page.getByTestId("company-row").first()).toBeVisible();
  await expectAccessible(page);
  await shot(page, "companies");

  await page.getByTestId("filter-tier").selectOption("FREE");
  await expect(page).toHaveURL(/tier=FREE/);
  await page.getByLabel("Search companies").fill(own.slug);
  await expect(page).toHaveURL(new RegExp(`q=${own.slug}`));
  await expect(page.getByTestId("companies-list")).toHaveAttribute("data-state", "ready");
  await expect(page.getByTestId("company-row")).toHaveCount(1);
  await page.getByTestId("filter-tier").selectOption("PRO");
  await expect(page.getByTestId("companies-empty")).toContainText("No company matches");
  await expectAccessible(page);
  // The URL alone reproduces the view.
  await page.goto(`/admin?q=${own.slug}&tier=FREE`);
  await expect(page.getByTestId("company-row")).toHaveCount(1);
  expect(await sideScrollAtNarrow(page)).toBe(0);

  await page.getByTestId("company-link").click();
  await expect(page).toHaveURL(new RegExp(`/admin/companies/${own.id}$`));
  await page.context().close();
});

test("a platform admin previews an override's before → after, applies it and finds it audited", async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await rootPage(browser);
  await page.goto(`/admin/companies/${own.id}`);
  await expect(page.getByTestId("admin-company-name")).toHaveText(own.name);
  const calls = page.getByTestId("limit-endpoint-calls");
  await expect(calls.getByTestId("limit-value")).toHaveText("300");
  await expect(calls).not.toHaveAttribute("data-overridden");
  await expectAccessible(page);
  await shot(page, "company");

  await page.getByTestId("override-endpoint-calls").fill("1234");
  await page.getByTestId("override-company-perHour").fill("2500");
  await expect(page.getByTestId("apply-change")).toBeDisabled();
  await page.getByTestId("preview-change").click();
  const result = page.getByTestId("preview-result");
  await expect(result.getByTestId("preview-limit-endpoint-calls")).toContainText(/300\s*→\s*to\s*1,234/);
  await expect(result.getByTestId("preview-limit-company-perHour")).toContainText(/2,000\s*→\s*to\s*2,500/);
  await expect(result.getByTestId("preview-limit-endpoint-dashboard")).toHaveCount(0);
  await expect(result.getByTestId("preview-recorded")).toContainText("requests recorded");
  await expectAccessible(page);
  await shot(page, "preview");

  // Changing a value after the preview withdraws Apply until it is previewed again.
  await page.getByTestId("override-endpoint-calls").fill("1235");
  await expect(page.getByTestId("preview-stale")).toBeVisible();
  await expect(page.getByTestId("apply-change")).toBeDisabled();
  await page.getByTestId("override-endpoint-calls").fill("1234");
  await expect(page.getByTestId("apply-change")).toBeEnabled();
  await page.getByTestId("override-note").fill("e2e: trial of a bigger calls budget");
  await page.getByTestId("apply-change").click();

  await expect(calls).toHaveAttribute("data-overridden", "true");
  await expect(calls.getByTestId("limit-value")).toHaveText("1,234");
  await expect(page.getByTestId("recent-changes")).toContainText("company.perHour: tier → 2500, endpoint.calls: tier → 1234");
  await expect(page.getByTestId("recent-changes")).toContainText("Note: e2e: trial of a bigger calls budget");
  const stored = await apiGet<AdminCompanyDetail>(page, `/api/v1/admin/companies/${own.id}`);
  expect(stored.data.limitOverrides).toEqual({ company: { perHour: 2500 }, endpoint: { calls: 1234 } });
  await expectAccessible(page);
  await shot(page, "applied");

  await page.goto(`/admin/audit?companyId=${own.id}`);
  await expect(page.getByTestId("audit-list")).toHaveAttribute("data-state", "ready");
  await expect(page.getByTestId("audit-row")).toHaveCount(1);
  await page.getByTestId("audit-actor").fill("ROOT@switchboard.test");
  await page.getByTestId("audit-action").fill("company.limits_overridden");
  await page.getByTestId("audit-apply").click();
  await expect(page).toHaveURL(/actor=root(%40|@)switchboard\.test/);
  await expect(page).toHaveURL(/action=company\.limits_overridden/);
  await expect(page.getByTestId("audit-row")).toHaveCount(1);
  await expect(page.getByTestId("audit-row")).toContainText("root@switchboard.test");
  await page.getByTestId("audit-action").fill("no such action");
  await page.getByTestId("audit-apply").click();
  await expect(page.getByText("An action such as company.tier_changed")).toBeVisible();
  await expectAccessible(page);
  await shot(page, "audit");
  await page.context().close();
});

test("a platform admin suspends a company with a reason, its owner sees the notice, and reactivating lets them back in", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const page = await rootPage(browser);
  const owner = await newPage(browser);
  await signIn(owner, own.owner);
  const restore = () => page.request.patch(`/api/v1/admin/companies/${own.id}`, { data: { status: "active" }, headers: sameOrigin() });
  try {
    await page.goto(`/admin/companies/${own.id}`);
    await page.getByTestId("suspend-company").click();
    const dialog = page.getByRole("alertdialog");
    await expect(dialog).toContainText(`Suspend ${own.name}?`);
    await expect(dialog.getByRole("button", { name: "Suspend company" })).toBeDisabled();
    await expectAccessible(page);
    await shot(page, "suspend-dialog");
    await dialog.getByTestId("suspension-reason").fill("e2e: unpaid invoice");
    await dialog.getByRole("button", { name: "Suspend company" }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId("admin-company")).toHaveAttribute("data-status", "suspended");
    await expect(page.getByTestId("suspension-banner")).toContainText("e2e: unpaid invoice");
    await expectAccessible(page);
    await shot(page, "suspended");

    await owner.goto("/dashboard");
    await expect(owner).toHaveURL(/\/suspended$/);
    await expect(owner.getByTestId("company-suspended")).toContainText(`${own.name} is suspended`);
    await expectAccessible(owner);

    await page.getByTestId("reactivate-company").click();
    await page.getByRole("alertdialog").getByTestId("suspension-reason").fill("e2e: invoice paid");
    await page.getByRole("alertdialog").getByRole("button", { name: "Reactivate" }).click();
    await expect(page.getByTestId("admin-company")).toHaveAttribute("data-status", "active");
    await expect(page.getByTestId("recent-changes").getByTestId("audit-row").first()).toContainText(
      "Was suspended for: e2e: unpaid invoice · Note: e2e: invoice paid",
    );
    await expectAccessible(page);
  } finally {
    expect((await restore()).status()).toBe(200);
  }
  await owner.goto("/dashboard");
  await expect(owner).toHaveURL(/\/dashboard$/);
  await expect(owner.getByTestId("company-suspended")).toHaveCount(0);
  await owner.context().close();
  await page.context().close();
});
