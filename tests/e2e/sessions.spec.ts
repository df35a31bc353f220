import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { screenshotBoth } from "./helpers/screens";
import { forgetSession, signInOnce } from "./helpers/session";
import { signIn } from "./helpers/sign-in";

/**
 * Issue 9 item 3: a session ends for real. Signing admin@acme.test out ends all of its sessions,
 * including the one other specs share through signInOnce: that cached cookie is forgotten here.
 */
test("a cookie copied before sign-out is refused after it: pages go to /signin, the API answers 401", async ({ browser }) => {
  const original = await browser.newContext();
  const page = await original.newPage();
  await signIn(page, "admin@acme.test");
  const copied = await original.cookies();
  expect(copied.some((c) => c.name.endsWith("next-auth.session-token"))).toBe(true);

  const thief = await browser.newContext();
  await thief.addCookies(copied);
  const stolen = await thief.newPage();
  const apiThief = await browser.newContext();
  await apiThief.addCookies(copied);
  expect((await apiThief.request.get("/api/v1/dashboard/overview")).status()).toBe(200);
  await stolen.goto("/calls");
  await expect(stolen).toHaveURL(/\/calls$/);

  await page.getByRole("button", { name: "Sign out" }).first().click();
  await expect(page).toHaveURL(/\/signin/);
  forgetSession("admin@acme.test");

  // The copy is refused at the edge: a page sends it to sign in (and back here afterwards) and deletes the dead cookie.
  await stolen.goto("/calls");
  await expect(stolen).toHaveURL(/\/signin\?callbackUrl=%2Fcalls$/);
  await expect(stolen.getByRole("heading", { name: "Sign in to Switchboard" })).toBeVisible();
  expect((await thief.cookies()).some((c) => c.name.endsWith("next-auth.session-token"))).toBe(false);
  const refused = await apiThief.request.get("/api/v1/dashboard/overview");
  expect(refused.status()).toBe(401);
  expect(((await refused.json()) as { error: { message: string } }).error.message).toBe("Your session has ended. Sign in again.");

  // Signing in again works, and lands on the page asked for.
  await stolen.getByLabel("Email").fill("admin@acme.test");
  await stolen.getByLabel("Password").fill(process.env.DEMO_PASSWORD ?? "switchboard-demo");
  await stolen.getByRole("button", { name: "Sign in" }).click();
  await expect(stolen).toHaveURL(/\/calls$/);
  await original.close();
  await thief.close();
  await apiThief.close();
});

test("a page the role may not open shows a notice instead of its content, from the one page-access check", async ({ page }) => {
  await signInOnce(page, "member@acme.test");
  await page.goto("/billing");
  await expect(page.getByTestId("not-allowed")).toContainText("You don't have access to this page.");
  await expect(page.getByRole("heading", { name: "Billing" })).toBeVisible();
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
  await screenshotBoth(page, "not-allowed");
});
