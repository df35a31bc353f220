import { expect, test, type Page } from "@playwright/test";
import { expectAccessible } from "./helpers/axe";
import { screenshotBoth } from "./helpers/screens";
import { signInOnce } from "./helpers/session";

const SHOTS = "/tmp/billing-shots";

/** Full-page screenshots at desktop and phone width, for a person to look at. */
const shots = (page: Page, name: string) => screenshotBoth(page, name, undefined, SHOTS);

/**
 * Stripe sends the person back to APP_URL (localhost), the suite browses 127.0.0.1: the same session
 * cookie is given to both hosts, as one host would have it in a deployment.
 */
async function sessionOnBothHosts(page: Page) {
  const cookies = await page.context().cookies();
  await page.context().addCookies(
    cookies.map(({ name, value, path, httpOnly, secure, sameSite, expires }) => ({
      name,
      value,
      path,
      httpOnly,
      secure,
      sameSite,
      expires,
      domain: "localhost",
    })),
  );
}

/** The endpoint layer's policy on a settings read, as the gateway answers it (settings: 30/h × tier). */
async function settingsPolicy(page: Page) {
  const res = await page.request.get("/api/v1/settings/company");
  expect(res.status()).toBe(200);
  return res.headers()["ratelimit-policy"];
}

test.describe("billing page", () => {
  test("an owner upgrades FREE → PRO through the fake Stripe checkout and sees the limits change; a failed payment shows the past-due notice", async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await signInOnce(page, "owner@globex.test");
    await sessionOnBothHosts(page);
    await page.goto("/billing");
    await expect(page.getByRole("heading", { name: "Billing", level: 1 })).toBeVisible();
    await expect(page.getByTestId("plan-tier")).toHaveText("Free");
    await expect(page.getByTestId("limit-company")).toHaveText("2,000");
    await expect(page.getByTestId("usage-chart").or(page.getByText("No API requests in this range yet."))).toBeVisible();
    expect(await settingsPolicy(page)).toBe('"endpoint";q=30;w=3600');
    await expectAccessible(page);
    await shots(page, "billing-free");

    // Checkout on Stripe's (fake) hosted page; it sends the signed webhooks and sends the person back.
    await page.getByTestId("upgrade-PRO").click();
    await expect(page).toHaveURL(/\/c\/pay\/cs_test_/);
    await expect(page.getByRole("heading", { name: "Subscribe to Switchboard PRO" })).toBeVisible();
    await page.getByRole("button", { name: "Pay and subscribe" }).click();
    await expect(page).toHaveURL(/\/billing\?checkout=success/);
    // The page shows the new plan once the webhook has landed, without a reload by the person.
    await expect(page.getByTestId("plan-tier")).toHaveText("Pro", { timeout: 30_000 });
    await expect(page.getByTestId("limit-company")).toHaveText("6,000");
    await expect(page.getByTestId("limit-calls")).toHaveText("900");
    await expect(page.getByTestId("waiting-for-stripe")).toHaveCount(0, { timeout: 10_000 });
    // The first invoice (paid) may land after the subscription the page waited for: it is there on the next visit.
    await page.reload();
    await expect(page.getByTestId("invoice-row").first()).toContainText("$99.00");
    await expect(page.getByTestId("invoice-row").first()).toContainText("paid");
    // and the gateway applies it on the next request
    expect(await settingsPolicy(page)).toBe('"endpoint";q=90;w=3600');
    await expectAccessible(page);
    await shots(page, "billing-pro");

    // The card fails at the next renewal: Stripe says past_due, the page says so.
    await page.getByTestId("open-portal").click();
    await expect(page).toHaveURL(/\/p\/session\//);
    await expect(page.getByRole("heading", { name: "Your plan: PRO" })).toBeVisible();
    await page.getByRole("button", { name: "Fail the next payment" }).click();
    await expect(page.getByText("Status: past_due")).toBeVisible();
    await page.getByRole("link", { name: "Return to Switchboard" }).click();
    await expect(page).toHaveURL(/\/billing\?portal=return/);
    await expect(page.getByTestId("past-due")).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId("past-due")).toContainText("Your last payment failed");
    await expect(page.getByTestId("payment-row").first()).toContainText("failed");
    await expect(page.getByTestId("payment-row").first()).toContainText("$99.00");
    await expect(page.getByTestId("waiting-for-stripe")).toHaveCount(0, { timeout: 25_000 });
    await expectAccessible(page);
    await shots(page, "billing-past-due");
  });

  test("an admin reads billing without the owner's controls; a member gets the not-allowed notice", async ({ page }) => {
    test.setTimeout(120_000);
    await signInOnce(page, "admin@acme.test");
    await page.goto("/billing");
    await expect(page.getByTestId("plan-tier")).toHaveText("Pro");
    await expect(page.getByText("Only an owner can change the plan.")).toBeVisible();
    await expect(page.getByTestId("open-portal")).toHaveCount(0);
    await expect(page.getByRole("heading", { name: "Usage alert" })).toHaveCount(0);
    await expectAccessible(page);
    await shots(page, "billing-admin");

    await page.context().clearCookies();
    await signInOnce(page, "member@acme.test");
    await page.goto("/billing");
    await expect(page.getByTestId("not-allowed")).toBeVisible();
    await expect(page.getByRole("link", { name: "Billing" })).toHaveCount(0);
    await expectAccessible(page);
  });
});
