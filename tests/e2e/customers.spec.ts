import { expect, test, type Page } from "@playwright/test";
import { createConnection } from "mysql2/promise";
import { createId } from "@/lib/ids/create-id";
import type { CustomerDetail, CustomerView } from "@/lib/services/customers/schemas";
import { TEST_ENV } from "../setup/test-env";
import { sameOrigin } from "./helpers/api";
import { screenshotBoth, sideScrollAtNarrow } from "./helpers/screens";
import { signInOnce } from "./helpers/session";
import { expectAccessible } from "./helpers/axe";

/** A number no other run of this spec uses, as E.164 and its national digits (617 area, 555 exchange). */
function bostonNumber() {
  const last4 = String(Date.now() % 10_000).padStart(4, "0");
  return { e164: `+1617555${last4}`, national: `617555${last4}` };
}

async function listReady(page: Page) {
  await expect(page.getByTestId("customers-list")).toHaveAttribute("data-state", "ready");
}

/**
 * Customers that arrived twice (a caller known by phone, then a booking by email) are made by the
 * webhooks; the API refuses to create one. So the duplicate is written the way a webhook would,
 * straight into the test database, before anything reads (and caches) the customer.
 */
async function insertDuplicate(
  companyId: string,
  fields: { name: string; phone: string; email: string },
): Promise<{ id: string; callId: string }> {
  const db = await createConnection(TEST_ENV.DATABASE_URL!);
  try {
    const id = createId("customer");
    const callId = createId("call");
    await db.query("INSERT INTO customers (id, company_id, name, phone, email, tags) VALUES (?, ?, ?, ?, ?, '[]')", [
      id,
      companyId,
      fields.name,
      fields.phone,
      fields.email,
    ]);
    await db.query(
      "INSERT INTO calls (id, company_id, retell_call_id, customer_id, direction, status, started_at, duration_ms) VALUES (?, ?, ?, ?, 'inbound', 'ended', UTC_TIMESTAMP(3) - INTERVAL 2 DAY, 95000)",
      [callId, companyId, `e2e_${callId}`, id],
    );
    return { id, callId };
  } finally {
    await db.end();
  }
}

async function companyIdOf(page: Page): Promise<string> {
  const res = await page.request.get("/api/v1/ping");
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { data: { companyId: string } };
  return body.data.companyId;
}

test.describe("customers", () => {
  test("a member searches (name and a typed phone), edits with an optimistic save and a rolled-back conflict, calls back, and merges a duplicate", async ({
    page,
  }) => {
    // One story in five parts (search, edit, refused edit, call back, merge): longer than one step's budget.
    test.setTimeout(120_000);
    await signInOnce(page, "member@acme.test");
    const companyId = await companyIdOf(page);
    const suffix = Date.now().toString(36).slice(-5);
    const surname = `Quirkeworth${suffix}`;
    const email = `zq.${suffix}@patients.test`;
    const mine = bostonNumber();
    const created = await page.request.post("/api/v1/customers", {
      data: { name: `Zoe ${surname}`, phone: `(617) 555-${mine.national.slice(-4)}`, email },
      headers: sameOrigin(),
    });
    expect(created.status()).toBe(201);
    const customer = ((await created.json()) as { data: CustomerView }).data;
    expect(customer.phone).toBe(mine.e164);
    const dupPhone = `+1617556${mine.national.slice(-4)}`;
    const dup = await insertDuplicate(companyId, { name: `Z. ${surname}`, phone: dupPhone, email });

    // Search by surname: both, and the search is in the URL.
    await page.goto("/customers");
    await listReady(page);
    await page.getByLabel("Search customers").fill(surname);
    await expect(page).toHaveURL(new RegExp(`[?&]q=${surname}`));
    await expect(page.getByTestId("customer-row")).toHaveCount(2);
    await expectAccessible(page);
    await screenshotBoth(page, "customers-list", () => listReady(page));
    expect(await sideScrollAtNarrow(page)).toBe(0);

    // By the phone as people type it: only this customer.
    await page.getByLabel("Search customers").fill(`617.555.${mine.national.slice(-4)}`);
    await expect(page.getByTestId("customer-row")).toHaveCount(1);
    await expect(page.getByTestId("customer-link")).toHaveText(`Zoe ${surname}`);
    // A reload keeps the search (it lives in the URL).
    await page.reload();
    await expect(page.getByLabel("Search customers")).toHaveValue(`617.555.${mine.national.slice(-4)}`);
    await expect(page.getByTestId("customer-row")).toHaveCount(1);

    await page.getByTestId("customer-link").click();
    await expect(page).toHaveURL(`/customers/${customer.id}`);
    await expect(page.getByTestId("customer-name")).toHaveText(`Zoe ${surname}`);

    // Edit: the heading follows at once and stays after a reload.
    await page.getByLabel("Name").fill(`Zoey ${surname}`);
    await page.getByTestId("save-profile").click();
    await expect(page.getByTestId("customer-name")).toHaveText(`Zoey ${surname}`);
    await expect(page.getByText("Profile saved")).toBeVisible();
    await page.reload();
    await expect(page.getByTestId("customer-name")).toHaveText(`Zoey ${surname}`);

    // A phone another customer has: 409, the old value comes back, the toast and the field say why.
    await page.getByLabel("Phone").fill(dupPhone);
    await page.getByTestId("save-profile").click();
    await expect(page.getByText("Saving the profile failed")).toBeVisible();
    await expect(page.getByLabel("Phone")).toHaveValue(mine.e164);
    await expect(page.getByText("already used by another customer")).toBeVisible();
    const unchanged = await page.request.get(`/api/v1/customers/${customer.id}`);
    expect(((await unchanged.json()) as { data: CustomerDetail }).data.phone).toBe(mine.e164);

    // Call back: the agent dials the customer; the call shows on the timeline.
    await page.getByTestId("call-back").click();
    await expect(page.getByText(`Calling Zoey ${surname}…`)).toBeVisible();
    await expect(page.getByTestId("timeline-item").filter({ has: page.getByTestId("timeline-call-link") })).toHaveCount(1);

    await expectAccessible(page);
    await screenshotBoth(page, "customer-profile");
    expect(await sideScrollAtNarrow(page)).toBe(0);

    // Merge: the duplicate's call moves here and the duplicate is gone.
    const hint = page.getByTestId("possible-duplicates");
    await expect(hint.getByTestId("duplicate")).toHaveCount(1);
    await hint.getByTestId("merge-duplicate").click();
    const dialog = page.getByRole("alertdialog");
    await expect(dialog).toContainText(`Merge Z. ${surname} into Zoey ${surname}?`);
    await expectAccessible(page);
    await dialog.getByRole("button", { name: "Merge" }).click();
    await expect(page.getByText("Customers merged")).toBeVisible();
    await expect(page.getByText("Moved 1 call, 0 bookings and 0 emails here.")).toBeVisible();
    await expect(page.getByTestId("possible-duplicates")).toHaveCount(0);
    await expect(page.locator(`a[href="/calls/${dup.callId}"]`)).toHaveCount(1);
    expect((await page.request.get(`/api/v1/customers/${dup.id}`)).status()).toBe(404);
  });

  test("a viewer sees no write action on either page, and the server refuses their edit", async ({ page }) => {
    await signInOnce(page, "viewer@acme.test");
    await page.goto("/customers");
    await listReady(page);
    await expect(page.getByTestId("customer-row").first()).toBeVisible();
    await expect(page.getByTestId("new-customer")).toHaveCount(0);
    await expectAccessible(page);

    await page.getByTestId("customer-link").first().click();
    await expect(page.getByTestId("customer-detail")).toBeVisible();
    await expect(page.getByTestId("customer-timeline")).toBeVisible();
    for (const id of ["save-profile", "call-back", "book-appointment", "merge-duplicate"])
      await expect(page.getByTestId(id)).toHaveCount(0);
    await expect(page.getByRole("textbox")).toHaveCount(0);
    await expectAccessible(page);

    const id = new URL(page.url()).pathname.split("/").at(-1)!;
    const refused = await page.request.patch(`/api/v1/customers/${id}`, { data: { name: "Not allowed" }, headers: sameOrigin() });
    expect(refused.status()).toBe(403);
    const call = await page.request.post("/api/v1/calls", { data: { customerId: id }, headers: sameOrigin() });
    expect(call.status()).toBe(403);
  });
});
