import { expect, request, test, type APIRequestContext, type Page } from "@playwright/test";
import type { ApiKeyUsage } from "@/lib/services/api-keys/schemas";
import { apiGet, sameOrigin } from "./helpers/api";
import { screenshotBoth } from "./helpers/screens";
import { signInOnce } from "./helpers/session";
import { expectAccessible } from "./helpers/axe";

/** A GET with nothing but the key: no cookies, as an integration's script sends it. */
async function withKey(api: APIRequestContext, key: string, path = "/api/v1/calls?limit=1"): Promise<number> {
  const res = await api.get(path, { headers: { authorization: `Bearer ${key}` } });
  return res.status();
}

/** Creates a key through the dialog and returns the secret the dialog shows once. */
async function createKey(page: Page, name: string): Promise<string> {
  await page.getByTestId("create-key").click();
  const dialog = page.getByRole("dialog", { name: "Create an API key" });
  await dialog.getByLabel("Name").fill(name);
  // Only the admin's own permissions are offered: billing:manage is the owner's.
  await expect(dialog.getByRole("checkbox", { name: "keys:manage" })).toBeVisible();
  await expect(dialog.getByRole("checkbox", { name: "billing:manage" })).toHaveCount(0);
  await dialog.getByRole("checkbox", { name: "calls:read" }).check();
  await dialog.getByRole("checkbox", { name: "dashboard:read" }).check();
  await dialog.getByRole("button", { name: "Create key" }).click();
  const secretDialog = page.getByTestId("secret-dialog");
  await expect(secretDialog).toBeVisible();
  await expect(secretDialog.getByRole("alert")).toContainText("only time");
  const secret = await page.getByTestId("new-key-secret").inputValue();
  expect(secret).toMatch(/^sb_live_[0-9A-Za-z]{32}$/);
  return secret;
}

function rowOf(page: Page, name: string) {
  return page.getByRole("row").filter({ hasText: name });
}

test.describe("API keys page", () => {
  test("an admin creates a key, sees its usage move, rotates it (the old key works in grace, not after it ends), and revokes", async ({
    page,
    baseURL,
  }) => {
    test.setTimeout(120_000);
    const api = await request.newContext({ baseURL });
    const name = `E2E key ${Date.now().toString(36)}`;
    await signInOnce(page, "admin@acme.test");
    await page.goto("/settings/api-keys");
    await expect(page.getByRole("heading", { name: "API keys", level: 2 })).toBeVisible();
    await expectAccessible(page);

    // Create: the secret is shown once, with a copy button and a warning.
    const secret = await createKey(page, name);
    // axe computes contrast at whatever opacity the toast is fading in with: check once it has gone.
    await expect(page.locator("[data-sonner-toast]")).toHaveCount(0, { timeout: 15_000 });
    await expectAccessible(page);
    await page.getByRole("button", { name: "I have copied it" }).click();
    await expect(page.getByTestId("secret-dialog")).toHaveCount(0);
    const row = rowOf(page, name);
    await expect(row.getByTestId("key-display")).toHaveText(`${secret.slice(0, 12)}…${secret.slice(-4)}`);
    await expect(row.getByTestId("key-status")).toHaveText("Active");
    await expect(row).toContainText("Marcus Reed");

    // Its usage starts at zero, then moves with requests sent with the key.
    await row.getByTestId("key-open").click();
    const sheet = page.getByTestId("key-sheet");
    await expect(sheet.getByTestId("usage-total")).toHaveText("0");
    expect(await withKey(api, secret)).toBe(200);
    expect(await withKey(api, secret)).toBe(200);
    expect(await withKey(api, secret, "/api/v1/dashboard/overview")).toBe(200);
    await sheet.getByTestId("usage-refresh").click();
    await expect(sheet.getByTestId("usage-ok")).toHaveText("3");
    await expect(sheet.getByTestId("usage-total")).toHaveText("3");
    await expect(sheet.getByTestId("usage-chart")).toBeVisible();
    await expectAccessible(page);
    await screenshotBoth(page, "api-keys-usage");
    await page.keyboard.press("Escape");
    await expect(sheet).toHaveCount(0);

    // Rotate with an hour of grace: a new secret, the old key in grace and still reading.
    await row.getByTestId("key-actions").click();
    await page.getByTestId("key-rotate").click();
    const rotate = page.getByTestId("rotate-dialog");
    await rotate.getByLabel("Grace period for the old key").selectOption("3600");
    await rotate.getByRole("button", { name: "Rotate key" }).click();
    await expect(page.getByTestId("secret-dialog")).toContainText("The old key keeps working");
    const rotated = await page.getByTestId("new-key-secret").inputValue();
    expect(rotated).not.toBe(secret);
    await page.getByRole("button", { name: "I have copied it" }).click();
    const oldRow = page.getByRole("row").filter({ hasText: `…${secret.slice(-4)}` });
    const newRow = page.getByRole("row").filter({ hasText: `…${rotated.slice(-4)}` });
    await expect(oldRow.getByTestId("key-status")).toHaveText("In grace");
    await expect(newRow.getByTestId("key-status")).toHaveText("Active");
    expect(await withKey(api, secret)).toBe(200);
    expect(await withKey(api, rotated)).toBe(200);
    await screenshotBoth(page, "api-keys-list");

    // A refused revocation: the row shows "Revoked" at once and goes back when the server says no.
    const revokePath = /\/api\/v1\/api-keys\/key_[0-9A-Z]+$/;
    await page.route(revokePath, (route) =>
      route.fulfill({
        status: 409,
        contentType: "application/json",
        body: JSON.stringify({ error: { code: "conflict", message: "Simulated conflict.", requestId: "req_e2e" } }),
      }),
    );
    await oldRow.getByTestId("key-actions").click();
    await page.getByTestId("key-revoke").click();
    const confirm = page.getByRole("alertdialog");
    await expect(confirm).toContainText("cannot be undone");
    await confirm.getByRole("button", { name: "Revoke key" }).click();
    await expect(page.getByText("Simulated conflict.")).toBeVisible();
    await expect(oldRow.getByTestId("key-status")).toHaveText("In grace");
    await page.unroute(revokePath);

    // End the grace now: revoke the old key for real; it is refused from the next request.
    await oldRow.getByTestId("key-actions").click();
    await page.getByTestId("key-revoke").click();
    const revoked = page.waitForResponse((r) => revokePath.test(new URL(r.url()).pathname) && r.request().method() === "DELETE");
    await confirm.getByRole("button", { name: "Revoke key" }).click();
    expect((await revoked).status()).toBe(200);
    await expect(oldRow.getByTestId("key-status")).toHaveText("Revoked");
    expect(await withKey(api, secret)).toBe(401);
    expect(await withKey(api, rotated)).toBe(200);

    // The old key's usage: its 4 admitted requests and the refused one after revocation.
    const oldId = (await apiGet<Array<{ id: string; lastFour: string }>>(page, "/api/v1/api-keys?limit=100")).data.find(
      (k) => k.lastFour === secret.slice(-4),
    )!.id;
    const usage = (await apiGet<ApiKeyUsage>(page, `/api/v1/api-keys/${oldId}/usage`)).data;
    expect(usage.totals).toMatchObject({ ok: 4, refused: 1, total: 5 });

    // Leave the company's key count as it was.
    const newId = (await apiGet<Array<{ id: string; lastFour: string }>>(page, "/api/v1/api-keys?limit=100")).data.find(
      (k) => k.lastFour === rotated.slice(-4),
    )!.id;
    expect((await page.request.delete(`/api/v1/api-keys/${newId}`, { headers: sameOrigin() })).status()).toBe(200);
    await api.dispose();
  });

  test("a member without keys:manage is refused: a clear notice on the page, 403 from the API", async ({ page }) => {
    await signInOnce(page, "member@acme.test");
    await page.goto("/settings/api-keys");
    await expect(page.getByTestId("not-allowed")).toContainText("You don't have access to this page.");
    await expect(page.getByTestId("api-keys-page")).toHaveCount(0);
    expect((await page.request.get("/api/v1/api-keys")).status()).toBe(403);
    await expectAccessible(page);
  });
});
