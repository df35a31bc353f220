import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { sameOrigin } from "./helpers/api";
import { signIn } from "./helpers/sign-in";

/**
 * A real outage, end to end: the e2e app's Retell fake is told to fail, a company owner's connection
 * tests (Settings API) trip the shared `retell` breaker, a platform admin watches /health show it open
 * and then closed again once the fake recovers and a test goes through as the probe.
 *
 * Needs a short open period in the app: BREAKER_OPEN_SECONDS (e.g. 5) in the e2e server's environment.
 */

// The same rule as tests/setup/e2e-server.ts: fakes on E2E_PORT + 10000 + i (retell first).
const E2E_PORT = Number(process.env.E2E_PORT);
const RETELL_FAKE = process.env.RETELL_API_URL ?? `http://127.0.0.1:${E2E_PORT + 10_000}`;
const TEST_RETELL = "/api/v1/settings/integrations/retell/test";

interface ConnectionTest {
  ok: boolean;
  breaker: { state: string; openSeconds: number };
  error?: { code: string; message: string; retryAt?: string };
}

async function testRetell(page: Page): Promise<ConnectionTest> {
  const res = await page.request.post(TEST_RETELL, { headers: sameOrigin() });
  expect(res.status(), `POST ${TEST_RETELL}`).toBe(200);
  return ((await res.json()) as { data: ConnectionTest }).data;
}

async function clearFaults(request: APIRequestContext): Promise<void> {
  const res = await request.delete(`${RETELL_FAKE}/__fake/faults`);
  expect(res.ok(), "the Retell fake's control API answers").toBe(true);
}

test.afterEach(async ({ request }) => {
  // Whatever happened, leave the fake healthy for the next spec (the breaker heals itself within the open period).
  await clearFaults(request);
});

test("a fake made to fail shows its breaker open then closed", async ({ page, browser, request }) => {
  test.setTimeout(90_000);
  await signIn(page, "owner@acme.test");

  // The breakers are in the platform view of /health: a platform admin watches in a second window.
  const adminContext = await browser.newContext();
  try {
    const admin = await adminContext.newPage();
    await signIn(admin, "root@switchboard.test");
    await admin.goto("/health");
    await expect(admin.getByTestId("connection-status")).toHaveText("Live");
    const breaker = admin.getByTestId("breaker-retell");
    await expect(breaker).toHaveAttribute("data-state", "closed");

    // Retell answers; the open period is short enough to watch a recovery.
    const before = await testRetell(page);
    expect(before).toMatchObject({ ok: true, breaker: { state: "closed" } });
    expect(before.breaker.openSeconds, "BREAKER_OPEN_SECONDS must be set (small) for the e2e app").toBeLessThanOrEqual(10);

    // Retell starts failing: five connection tests, each ok:false; the breaker opens on the way.
    const fault = await request.post(`${RETELL_FAKE}/__fake/faults`, { data: { failNext: 5, status: 503, path: "/v3/list-calls" } });
    expect(fault.ok()).toBe(true);
    const answers: ConnectionTest[] = [];
    for (let i = 0; i < 5; i++) answers.push(await testRetell(page));
    expect(answers.map((a) => a.ok)).toEqual([false, false, false, false, false]);
    expect(answers[0]!.error).toMatchObject({ code: "vendor_error", message: "Retell.ai answered with an error (HTTP 503)." });
    const paused = answers.at(-1)!;
    expect(paused.error?.code).toBe("breaker_open");
    expect(paused.error?.message).toMatch(/^Retell\.ai is temporarily paused after repeated failures; retrying at .+Z\.$/);

    await expect(breaker).toHaveAttribute("data-state", "open");
    await expect(breaker).toContainText("Open");
    const opened = admin.getByTestId("breaker-transitions").getByRole("listitem").filter({ hasText: "Retell.ai" }).first();
    await expect(opened).toContainText("Closed");
    await expect(opened).toContainText("Open");
    await expect(opened).toContainText(/5 failures within 300 s/);
    await admin.screenshot({ path: "test-results/screens/breaker-open.png", fullPage: true });

    // Retell recovers. Once the pause is over, the next test is the probe and closes the breaker.
    await clearFaults(request);
    await expect
      .poll(async () => (await testRetell(page)).ok, {
        timeout: 15_000,
        intervals: [500, 1_000],
        message: "a connection test succeeds once the pause is over",
      })
      .toBe(true);
    await expect(breaker).toHaveAttribute("data-state", "closed");
    await expect(breaker).toContainText("Closed");
    const closed = admin.getByTestId("breaker-transitions").getByRole("listitem").filter({ hasText: "Retell.ai" }).first();
    await expect(closed).toContainText("Half-open");
    await expect(closed).toContainText("probe succeeded");

    // The owner's settings API keeps the outage on record.
    const status = await page.request.get("/api/v1/settings/integrations");
    expect(status.status()).toBe(200);
    const retell = (
      (await status.json()) as { data: Array<{ vendor: string; breaker: { state: string }; lastFailure: { cause: string } | null }> }
    ).data.find((s) => s.vendor === "retell");
    expect(retell).toMatchObject({
      breaker: { state: "closed" },
      lastFailure: { cause: expect.stringMatching(/^5 failures within 300 s/) },
    });
    await admin.screenshot({ path: "test-results/screens/breaker-closed.png", fullPage: true });
  } finally {
    await adminContext.close();
  }
});
