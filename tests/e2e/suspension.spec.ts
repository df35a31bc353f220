import { expect, test } from "@playwright/test";
import { sameOrigin } from "./helpers/api";
import { screenshotBoth } from "./helpers/screens";
import { signIn } from "./helpers/sign-in";

/** A platform admin suspends a company: its people see a plain notice, its API answers 403; lifting it restores both. */
test("suspending a company takes effect on its next request, pages and API alike", async ({ browser }) => {
  const root = await browser.newPage();
  await signIn(root, "root@switchboard.test");
  const list = await root.request.get("/api/v1/admin/companies?q=globex");
  expect(list.status()).toBe(200);
  const globex = ((await list.json()) as { data: Array<{ id: string; name: string }> }).data.find((c) => c.name === "Globex Clinic");
  expect(globex).toBeTruthy();

  const owner = await browser.newPage();
  await signIn(owner, "owner@globex.test");
  expect((await owner.request.get("/api/v1/dashboard/overview")).status()).toBe(200);

  const patch = (body: object) => root.request.patch(`/api/v1/admin/companies/${globex!.id}`, { data: body, headers: sameOrigin() });
  try {
    expect((await patch({ status: "suspended", suspendedReason: "e2e: unpaid invoice" })).status()).toBe(200);
    const refused = await owner.request.get("/api/v1/dashboard/overview");
    expect(refused.status()).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("forbidden");
    await owner.goto("/dashboard");
    await expect(owner).toHaveURL(/\/suspended$/);
    await expect(owner.getByTestId("company-suspended")).toContainText("Globex Clinic is suspended");
    await screenshotBoth(owner, "suspended");
  } finally {
    expect((await patch({ status: "active" })).status()).toBe(200);
  }
  expect((await owner.request.get("/api/v1/dashboard/overview")).status()).toBe(200);
  await owner.goto("/dashboard");
  await expect(owner.getByTestId("company-suspended")).toHaveCount(0);
});
