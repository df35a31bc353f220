import { mkdirSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import bcrypt from "bcryptjs";
import { createConnection } from "mysql2/promise";
import { createId } from "@/lib/ids/create-id";
import type { CompanySettingsView } from "@/lib/services/settings/schemas";
import { TEST_ENV } from "../setup/test-env";
import { apiGet, sameOrigin } from "./helpers/api";
import { DESKTOP, PHONE, sideScrollAtNarrow } from "./helpers/screens";
import { signInOnce } from "./helpers/session";
import { signIn } from "./helpers/sign-in";
import { expectAccessible } from "./helpers/axe";

const SHOTS = "/tmp/settings-e2e";

/** Full-page screenshots at desktop and phone width, under /tmp (not the repository). */
async function shoot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  const original = page.viewportSize();
  for (const [suffix, size] of [
    ["desktop", DESKTOP],
    ["phone", PHONE],
  ] as const) {
    await page.setViewportSize(size);
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${SHOTS}/${name}-${suffix}.png`, fullPage: true });
  }
  if (original) await page.setViewportSize(original);
}

/**
 * Puts Acme's time zone, name and hours back as the seed left them (other specs read them): the hours
 * through SQL (the API cannot "unset" them), then the zone through the API, which invalidates every
 * cached answer that depends on them.
 */
async function restore(page: Page, original: Original, companyId: string) {
  const db = await createConnection(TEST_ENV.DATABASE_URL!);
  try {
    await db.query("UPDATE company_settings SET business_hours = ?, calcom_webhook_secret_enc = ?, settings = ? WHERE company_id = ?", [
      original.hoursJson,
      original.calcomSecretEnc,
      original.settingsJson,
      companyId,
    ]);
  } finally {
    await db.end();
  }
  await page.request.patch("/api/v1/settings/company", { data: { name: original.name, timezone: "UTC" }, headers: sameOrigin() });
  const res = await page.request.patch("/api/v1/settings/company", {
    data: { name: original.name, timezone: original.timezone },
    headers: sameOrigin(),
  });
  expect(res.status()).toBe(200);
}

interface Original {
  name: string;
  timezone: string;
  hoursJson: string | null;
  settingsJson: string | null;
  calcomSecretEnc: string | null;
}

/** What the seed stored that this spec changes (the hours, the Cal.com webhook secret's envelope, the settings blob). */
async function seededRow(companyId: string): Promise<Pick<Original, "hoursJson" | "settingsJson" | "calcomSecretEnc">> {
  const db = await createConnection(TEST_ENV.DATABASE_URL!);
  try {
    const [rows] = await db.query(
      "SELECT CAST(business_hours AS CHAR) AS h, CAST(settings AS CHAR) AS s, calcom_webhook_secret_enc AS c FROM company_settings WHERE company_id = ?",
      [companyId],
    );
    const row = (rows as Array<{ h: string | null; s: string | null; c: string | null }>)[0];
    return { hoursJson: row?.h ?? null, settingsJson: row?.s ?? null, calcomSecretEnc: row?.c ?? null };
  } finally {
    await db.end();
  }
}

test.describe("settings", () => {
  test("an admin changes the time zone and business hours; the calendar and the dashboard follow", async ({ page }) => {
    test.setTimeout(120_000);
    await signInOnce(page, "admin@acme.test");
    const { data: before } = await apiGet<CompanySettingsView>(page, "/api/v1/settings/company");
    const original: Original = { name: before.name, timezone: before.timezone, ...(await seededRow(before.id)) };
    expect(before.timezone).not.toBe("Asia/Tokyo");
    try {
      // /settings opens the Company tab; the tabs are links and the current one says so.
      await page.goto("/settings");
      await expect(page).toHaveURL(/\/settings\/company$/);
      const tabs = page.getByRole("navigation", { name: "Settings sections" });
      await expect(tabs.getByRole("link", { name: "Company" })).toHaveAttribute("aria-current", "page");
      await expect(tabs.getByRole("link", { name: "API keys" })).toHaveAttribute("href", "/settings/api-keys");
      await expect(page.getByTestId("read-only-note")).toHaveCount(0);
      await expectAccessible(page);
      await shoot(page, "company-admin");

      await page.getByLabel("Time zone").selectOption("Asia/Tokyo");
      // Monday: a second range that overlaps the first is caught before anything is sent …
      await page.getByRole("button", { name: "Add a range on Monday" }).click();
      await page.getByLabel("Monday, range 2, opens").fill("12:00");
      await page.getByLabel("Monday, range 2, closes").fill("17:00");
      await page.getByRole("button", { name: "Save changes" }).click();
      await expect(page.getByTestId("hours-mon").getByText(/^Overlaps 08:00–17:00\.$/)).toBeVisible();
      await expect(page.getByLabel("Monday, range 2, opens")).toHaveAttribute("aria-invalid", "true");
      // … fixed by closing the first range at noon. Saturday closes; Sunday opens 10–14.
      await page.getByLabel("Monday, range 1, closes").fill("12:00");
      await page.getByLabel("Monday, range 2, opens").fill("13:00");
      await page.getByLabel("Saturday", { exact: true }).uncheck();
      await page.getByLabel("Sunday", { exact: true }).check();
      await page.getByLabel("Sunday, range 1, opens").fill("10:00");
      await page.getByLabel("Sunday, range 1, closes").fill("14:00");
      await page.getByRole("button", { name: "Save changes" }).click();
      await expect(page.getByText("Company settings saved")).toBeVisible();

      const { data: saved } = await apiGet<CompanySettingsView>(page, "/api/v1/settings/company");
      expect(saved).toMatchObject({
        timezone: "Asia/Tokyo",
        businessHours: {
          mon: [
            { open: "08:00", close: "12:00" },
            { open: "13:00", close: "17:00" },
          ],
          sat: [],
          sun: [{ open: "10:00", close: "14:00" }],
        },
      });
      // A reload shows what was saved.
      await page.reload();
      await expect(page.getByLabel("Time zone")).toHaveValue("Asia/Tokyo");
      await expect(page.getByLabel("Monday, range 2, opens")).toHaveValue("13:00");

      // The calendar: bookings in Tokyo time, Monday's two ranges, Saturday closed, Sunday open.
      await page.goto("/calendar?view=week&date=2026-01-07");
      await expect(page.getByTestId("calendar")).toHaveAttribute("data-state", "ready");
      await expect(page.getByText("Bookings in Asia/Tokyo.")).toBeVisible();
      const day = (prefix: string) =>
        page.getByTestId("week-grid").locator(`section[aria-label^="${prefix}"]`).getByTestId("business-hours");
      await expect(day("Mon")).toHaveCount(2);
      await expect(day("Tue")).toHaveCount(1);
      await expect(day("Sat")).toHaveCount(0);
      await expect(day("Sun")).toHaveCount(1);

      // The dashboard's "today" is Tokyo's.
      await page.goto("/dashboard");
      await expect(page.getByText("Asia/Tokyo", { exact: false }).first()).toBeVisible();

      await page.goto("/settings/integrations");
      await expect(page.getByRole("link", { name: "Integrations" })).toHaveAttribute("aria-current", "page");
      const calcom = page.getByTestId("integration-calcom");
      await expect(calcom.getByLabel("Subscriber URL")).toHaveValue(/\/api\/webhooks\/calcom\?company=/);
      await expectAccessible(page);
      await shoot(page, "integrations-admin");

      // A new Cal.com webhook secret: shown once, with a copy button; gone after a reload.
      await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
      await calcom.getByRole("button", { name: "Generate a new secret" }).click();
      await page.getByRole("alertdialog").getByRole("button", { name: "Generate" }).click();
      const once = calcom.getByTestId("webhook-secret-once");
      await expect(once).toBeVisible();
      const secret = await once.getByRole("textbox").inputValue();
      expect(secret).toMatch(/^whsec_[0-9a-f]{64}$/);
      await once.getByRole("button", { name: "Copy webhook secret" }).click();
      await expect(page.getByText("Webhook secret copied")).toBeVisible();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
      await expectAccessible(page);
      await shoot(page, "integrations-secret-once");
      await page.reload();
      await expect(calcom.getByTestId("webhook-secret-once")).toHaveCount(0);
      await expect(calcom.getByText(/secret is set/)).toBeVisible();
      expect(await page.content()).not.toContain(secret);

      await page.goto("/settings/profile");
      await expect(page.getByLabel("Email")).toHaveValue("admin@acme.test");
      // A new address asks for the current password first (nothing is sent without it).
      const profile = page.getByRole("form", { name: "Your profile" });
      await expect(profile.getByLabel("Current password")).toHaveCount(0);
      await page.getByLabel("Email").fill("admin.moved@acme.test");
      await expect(profile.getByLabel("Current password")).toBeVisible();
      await page.getByRole("button", { name: "Save profile" }).click();
      await expect(profile.getByLabel("Current password")).toHaveAttribute("aria-invalid", "true");
      await expect(profile.getByText("Enter your current password.", { exact: true })).toBeVisible();
      await expectAccessible(page);
      await shoot(page, "profile-email-needs-password");
      await page.getByLabel("Email").fill("admin@acme.test");
      await expect(profile.getByLabel("Current password")).toHaveCount(0);
      await expectAccessible(page);
      await shoot(page, "profile-admin");
      expect(await sideScrollAtNarrow(page)).toBe(0);

      // The API keys tab opens its page inside the same settings layout.
      await page.getByRole("navigation", { name: "Settings sections" }).getByRole("link", { name: "API keys" }).click();
      await expect(page).toHaveURL(/\/settings\/api-keys$/);
      await expect(page.getByRole("link", { name: "API keys" })).toHaveAttribute("aria-current", "page");
      await expect(page.getByRole("link", { name: "Company" })).not.toHaveAttribute("aria-current", "page");
    } finally {
      await restore(page, original, before.id);
    }
  });

  test("a viewer sees the settings read-only, and the server refuses a write anyway", async ({ page }) => {
    await signInOnce(page, "viewer@acme.test");
    await page.goto("/settings/company");
    await expect(page.getByTestId("read-only-note")).toBeVisible();
    await expect(page.getByLabel("Name")).toBeDisabled();
    await expect(page.getByLabel("Time zone")).toBeDisabled();
    await expect(page.getByRole("button", { name: "Save changes" })).toBeDisabled();
    // A viewer cannot manage keys: no API keys tab.
    await expect(page.getByRole("navigation", { name: "Settings sections" }).getByRole("link")).toHaveText([
      "Company",
      "Integrations",
      "Profile",
    ]);
    await expectAccessible(page);
    await shoot(page, "company-viewer");

    const refused = await page.request.patch("/api/v1/settings/company", { data: { name: "Viewer was here" }, headers: sameOrigin() });
    expect(refused.status()).toBe(403);

    await page.goto("/settings/integrations");
    await expect(page.getByTestId("read-only-note")).toBeVisible();
    await expect(page.getByTestId("integration-retell").getByRole("button", { name: "Save key" })).toBeDisabled();
    await expect(page.getByTestId("integration-retell").getByRole("button", { name: "Test connection" })).toBeDisabled();
    await expectAccessible(page);
    await shoot(page, "integrations-viewer");

    // Their own profile is theirs to edit.
    await page.goto("/settings/profile");
    await expect(page.getByLabel("Name")).toBeEnabled();
  });

  test("a password change keeps this browser signed in and signs out the other one", async ({ page, browser }) => {
    // A person of their own (the demo accounts' password is shared by every spec).
    const email = `pw-${Date.now().toString(36)}@acme.test`;
    const password = "first Passphrase 1234";
    const db = await createConnection(TEST_ENV.DATABASE_URL!);
    try {
      const [rows] = await db.query("SELECT id FROM companies WHERE slug = 'acme-dental'");
      const companyId = (rows as Array<{ id: string }>)[0]!.id;
      const userId = createId("user");
      await db.query("INSERT INTO users (id, email, name, password_hash) VALUES (?, ?, 'Pat Password', ?)", [
        userId,
        email,
        await bcrypt.hash(password, 4),
      ]);
      await db.query("INSERT INTO memberships (id, company_id, user_id, role) VALUES (?, ?, ?, 'member')", [
        createId("membership"),
        companyId,
        userId,
      ]);
    } finally {
      await db.end();
    }
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    try {
      await signIn(otherPage, email, password);
      await signIn(page, email, password);

      await page.goto("/settings/profile");
      await page.getByLabel("Current password").fill("not my password");
      await page.getByLabel("New password", { exact: true }).fill("second Passphrase 5678");
      await page.getByLabel("Repeat the new password").fill("second Passphrase 5678");
      await page.getByRole("button", { name: "Change password" }).click();
      await expect(page.getByLabel("Current password")).toHaveAttribute("aria-invalid", "true");
      await expect(page.getByText("The current password is not correct.").first()).toBeVisible();

      await page.getByLabel("Current password").fill(password);
      await page.getByRole("button", { name: "Change password" }).click();
      await expect(page.getByText("Password changed")).toBeVisible();

      // This browser got a new cookie and stays in; the other one is sent to sign in.
      await page.goto("/settings/profile");
      await expect(page).toHaveURL(/\/settings\/profile$/);
      await expect(page.getByLabel("Email")).toHaveValue(email);
      await otherPage.goto("/settings/profile");
      await expect(otherPage).toHaveURL(/\/signin\?callbackUrl=/);
    } finally {
      await other.close();
    }
  });
});
