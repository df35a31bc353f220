import { expect, type Page } from "@playwright/test";
import { freshRateLimits } from "./fresh-limits";

export const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? "switchboard-demo";

/** Signs in through the form at /signin, as a person would, and waits for the dashboard. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await freshRateLimits();
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}
