import { rm } from "node:fs/promises";
import { launch } from "../../scripts/lib/launch";
import { resetTestStores } from "./reset-stores";

// Started by Playwright: the production build on the test database, freshly seeded with the demo data.
await resetTestStores();
// A fresh span-attribute file per run (the server appends to TRACING_AUDIT_FILE).
if (process.env.TRACING_AUDIT_FILE) await rm(process.env.TRACING_AUDIT_FILE, { force: true });
// SWITCHBOARD_DEMO=1: a production build with the fakes' credentials and the demo data, asked for by name
// (without it the launcher refuses the tests' fixed secrets, as it would in a real deployment).
Object.assign(process.env, { NODE_ENV: "production", SWITCHBOARD_DEMO: "1", LOG_LEVEL: "warn" });
// Vendor fakes on their own ports, so a dev instance on the default ones does not collide.
const e2ePort = Number(process.env.E2E_PORT);
for (const [i, vendor] of ["RETELL", "CALCOM", "STRIPE", "SENDGRID"].entries()) {
  process.env[`${vendor}_API_URL`] ??= `http://127.0.0.1:${e2ePort + 10_000 + i}`;
}
// Breakers stay open 5 s instead of 60 s, so the breaker e2e sees open and then closed.
process.env.BREAKER_OPEN_SECONDS ??= "5";
await launch({ mode: "start", port: e2ePort, banner: false });
