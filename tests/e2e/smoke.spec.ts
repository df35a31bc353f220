import { expect, test } from "@playwright/test";
import { freshRateLimits } from "./helpers/fresh-limits";

test("health endpoints answer in the envelope", async ({ request }) => {
  const live = await request.get("/api/health");
  expect(live.status()).toBe(200);
  expect((await live.json()).data.status).toBe("ok");
  expect(live.headers()["x-request-id"]).toMatch(/^req_/);

  const ready = await request.get("/api/health/ready", { headers: { "x-request-id": "smoke-test-0001" } });
  expect(ready.status()).toBe(200);
  expect(ready.headers()["x-request-id"]).toBe("smoke-test-0001");
  const body = await ready.json();
  expect(body.data.checks.map((c: { name: string; ok: boolean }) => `${c.name}:${c.ok}`)).toEqual([
    "mysql:true",
    "redis:true",
    "queue:true",
  ]);
});

test("a signed-out visitor is sent to sign in, and a wrong password is refused", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin/);
  await expect(page.getByRole("heading", { name: "Sign in to Switchboard" })).toBeVisible();
  await page.screenshot({ path: "test-results/screens/signin.png", fullPage: true });

  await page.getByLabel("Email").fill("owner@acme.test");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Sign-in failed" })).toBeVisible();
  await expect(page).toHaveURL(/\/signin/);
});

test("the demo owner signs in and sees the company shell", async ({ page }) => {
  await freshRateLimits();
  await page.goto("/signin");
  await page.getByLabel("Email").fill("owner@acme.test");
  await page.getByLabel("Password").fill("switchboard-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId("company-name")).toHaveText("Acme Dental");
  await expect(page.getByTestId("user-role")).toHaveText("owner");
  await expect(page.getByRole("link", { name: "Team" })).toBeVisible();
  await page.screenshot({ path: "test-results/screens/dashboard-owner.png", fullPage: true });
});

test("a viewer does not see owner-only sections", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill("viewer@acme.test");
  await page.getByLabel("Password").fill("switchboard-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId("user-role")).toHaveText("viewer");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Calls", exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "Billing" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Admin" })).toHaveCount(0);
  // Everyone reads the team (team:read); the page is read-only without team:manage (tests/e2e/team.spec.ts).
  await expect(page.getByRole("link", { name: "Team" })).toBeVisible();
});
