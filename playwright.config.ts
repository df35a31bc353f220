import { defineConfig, devices } from "@playwright/test";
import { SPAN_AUDIT_FILE } from "./tests/setup/span-audit-file";
import { TEST_SLOT } from "./tests/setup/test-env";

const PORT = Number(process.env.E2E_PORT ?? 3100 + 100 * TEST_SLOT);
const baseURL = `http://127.0.0.1:${PORT}`;
// The server and the specs (breaker.spec.ts finds the fakes from it) agree on the port.
process.env.E2E_PORT = String(PORT);

/**
 * End-to-end tests in Debian's Chromium (Playwright's own browser download is unavailable here)
 * against the production build, started by tests/setup/e2e-server.ts on the test database.
 */
export default defineConfig({
  testDir: "tests/e2e",
  outputDir: process.env.PLAYWRIGHT_OUTPUT_DIR ?? "test-results/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]] : [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"], channel: undefined }, teardown: "span-attributes" },
    // After every spec: no span attribute the run recorded carries a secret, a token, a password, an SQL value or a body.
    { name: "span-attributes", testMatch: /span-attributes\.teardown\.ts$/ },
  ],
  webServer: {
    command: "npx tsx tests/setup/e2e-server.ts",
    url: `${baseURL}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    // Tracing on as an operator would run it (the health page's slowest requests), and every span's
    // attributes written to a file the span-attributes teardown reads.
    env: { E2E_PORT: String(PORT), TRACING_SLOWEST: "1", TRACING_AUDIT_FILE: SPAN_AUDIT_FILE },
  },
});
