import { expect, test, type Page } from "@playwright/test";
import { createConnection } from "mysql2/promise";
import { createId } from "@/lib/ids/create-id";
import { TEST_ENV } from "../setup/test-env";
import { DESKTOP, PHONE, sideScrollAtNarrow } from "./helpers/screens";
import { signInOnce } from "./helpers/session";
import { expectAccessible } from "./helpers/axe";

/** Desktop and phone screenshots outside the repository, for a person to look at. */
async function shoot(page: Page, name: string) {
  const dir = process.env.TEAM_SHOTS_DIR ?? "/tmp/team-shots";
  for (const [suffix, size] of [
    ["desktop", DESKTOP],
    ["phone", PHONE],
  ] as const) {
    await page.setViewportSize(size);
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${dir}/${name}-${suffix}.png`, fullPage: true });
  }
  await page.setViewportSize(DESKTOP);
}

/** The SendGrid fake the e2e server started (tests/setup/e2e-server.ts: E2E_PORT + 10000 + 3). */
const sendgridFake = () => `http://127.0.0.1:${Number(process.env.E2E_PORT) + 10_003}`;

type SentMessage = { to: string[]; subject: string; text?: string };

/** The accept link of the invite email the SendGrid fake received for `to` (the worker sends it from the job queue). */
async function inviteLinkSentTo(page: Page, to: string): Promise<string> {
  let link = "";
  await expect
    .poll(
      async () => {
        const res = await page.request.get(`${sendgridFake()}/__fake/messages`);
        const { messages } = (await res.json()) as { messages: SentMessage[] };
        const mail = messages.find((m) => m.to.includes(to));
        link = mail?.text?.match(/https?:\/\/\S+\/invite\/[A-Za-z0-9_-]+/)?.[0] ?? "";
        return link;
      },
      { message: `the invite email to ${to}` },
    )
    .not.toBe("");
  // The link names APP_URL's host; the path is what the e2e server answers.
  return new URL(link).pathname;
}

test.describe("team", () => {
  test("an owner invites a new person; the email reaches SendGrid; the invitee accepts signed out, signs in and has the role", async ({
    page,
    browser,
  }) => {
    test.setTimeout(120_000);
    await signInOnce(page, "owner@acme.test");
    await page.setViewportSize(DESKTOP);
    await page.goto("/team");
    await expect(page.getByRole("heading", { name: "Team", level: 1 })).toBeVisible();
    await expect(page.getByTestId("member-admin@acme.test")).toBeVisible();
    await expect(page.getByTestId("permission-matrix").getByRole("rowheader", { name: "billing:manage" })).toBeVisible();
    // The owner's own row offers no ownership transfer to themselves; others' rows do.
    await expect(page.getByTestId("member-admin@acme.test").getByRole("button", { name: "Make owner…" })).toBeVisible();
    await expect(page.getByTestId("member-owner@acme.test").getByRole("button", { name: "Make owner…" })).toHaveCount(0);

    const email = `new.${Date.now().toString(36)}@invitee.test`;
    await page.getByTestId("invite-open").click();
    const dialog = page.getByRole("dialog", { name: "Invite someone" });
    // The API's schema checks the field before anything is sent.
    await dialog.getByLabel("Email").fill("not-an-email");
    await dialog.getByRole("button", { name: "Send invite" }).click();
    await expect(dialog.getByText("Not an email address.")).toBeVisible();
    await dialog.getByLabel("Email").fill(email);
    await dialog.getByLabel("Role", { exact: true }).selectOption("member");
    await dialog.getByRole("button", { name: "Send invite" }).click();
    await expect(page.getByText(`Invite sent to ${email}`)).toBeVisible();
    await expect(page.getByTestId(`invite-${email}`)).toBeVisible();
    await expectAccessible(page);
    expect(await sideScrollAtNarrow(page)).toBe(0);
    await shoot(page, "team-owner");

    const path = await inviteLinkSentTo(page, email);

    // The invitee: a fresh browser, signed out.
    const invitee = await browser.newContext({ viewport: DESKTOP });
    const p = await invitee.newPage();
    try {
      await p.goto(path);
      await expect(p.getByTestId("invite-summary")).toContainText("Acme Dental");
      await expect(p.getByTestId("invite-summary")).toContainText("a member");
      await expect(p.getByTestId("invite-summary")).toContainText(email);
      await expectAccessible(p);
      await shoot(p, "invite-accept");
      await p.getByLabel("Your name").fill("Ina Vitee");
      await p.getByLabel("Choose a password").fill("short");
      await p.getByRole("button", { name: "Create account and join" }).click();
      // The API's answer lands on the field (400 details), the account is not made.
      await expect(p.getByText("The password must be at least 12 characters.")).toBeVisible();
      await p.getByLabel("Choose a password").fill("violet-harbour-lantern-42");
      await p.getByRole("button", { name: "Create account and join" }).click();
      await expect(p).toHaveURL(/\/dashboard$/);
      await expect(p.getByTestId("user-role")).toHaveText("member");
      await expect(p.getByTestId("company-name")).toHaveText("Acme Dental");

      // The link is spent: opening it again says so.
      await p.goto(path);
      await expect(p.getByTestId("invite-status")).toContainText("already been used");
    } finally {
      await invitee.close();
    }

    // The owner's page: the invite is gone from the open list, the new member is listed with the role.
    await page.reload();
    await expect(page.getByTestId(`member-${email}`)).toBeVisible();
    await expect(page.getByTestId(`role-${email}`)).toHaveValue("member");
    await expect(page.getByTestId(`invite-${email}`)).toHaveCount(0);
  });

  test("a viewer sees the team read-only: no role controls, invite disabled with the reason; the server refuses anyway", async ({
    page,
  }) => {
    await signInOnce(page, "viewer@acme.test");
    await page.setViewportSize(DESKTOP);
    await page.goto("/team");
    await expect(page.getByTestId("team-read-only")).toContainText("team:manage");
    await expect(page.getByTestId("member-owner@acme.test")).toBeVisible();
    await expect(page.getByTestId("members-card").getByRole("combobox")).toHaveCount(0);
    await expect(page.getByTestId("invite-open")).toBeDisabled();
    await expect(page.getByTestId("invite-open")).toHaveAttribute("title", "Only owners and admins can invite people");
    await expect(page.getByTestId("member-admin@acme.test").getByRole("button", { name: /Remove/ })).toBeDisabled();
    await expect(page.getByTestId("member-admin@acme.test")).toContainText("Needs team:manage");
    await expect(page.getByTestId("permission-matrix")).toBeVisible();
    await expectAccessible(page);
    await shoot(page, "team-viewer");

    const refused = await page.request.post("/api/v1/team/invites", {
      data: { email: "sneaky@invitee.test", role: "viewer" },
      headers: { origin: `http://127.0.0.1:${process.env.E2E_PORT}` },
    });
    expect(refused.status()).toBe(403);
  });

  test("an admin sees an owner's invite but cannot resend or revoke it, and is told why", async ({ page }) => {
    const db = await createConnection(TEST_ENV.DATABASE_URL!);
    const id = createId("invite");
    const email = `owner-inv-${Date.now().toString(36)}@invitee.test`;
    try {
      const [rows] = await db.query(
        "SELECT m.company_id AS companyId, u.id AS ownerId FROM users u JOIN memberships m ON m.user_id = u.id WHERE u.email = 'owner@acme.test'",
      );
      const { companyId, ownerId } = (rows as Array<{ companyId: string; ownerId: string }>)[0]!;
      await db.query(
        "INSERT INTO invites (id, company_id, email, role, token_hash, expires_at, invited_by, created_at) VALUES (?, ?, ?, 'owner', ?, DATE_ADD(NOW(3), INTERVAL 7 DAY), ?, NOW(3))",
        [id, companyId, email, id.padEnd(64, "0").slice(0, 64), ownerId],
      );
      await signInOnce(page, "admin@acme.test");
      await page.setViewportSize(DESKTOP);
      await page.goto("/team");
      const row = page.getByTestId(`invite-${email}`);
      await expect(row).toContainText("Only an owner can change this invite");
      await expect(row.getByRole("button", { name: /Resend/ })).toBeDisabled();
      await expect(row.getByRole("button", { name: /Revoke/ })).toBeDisabled();
      await expectAccessible(page);
      await shoot(page, "team-admin-owner-invite");
    } finally {
      await db.query("DELETE FROM invites WHERE id = ?", [id]);
      await db.end();
    }
  });
});
