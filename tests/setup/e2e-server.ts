import { launch } from "../../scripts/lib/launch";
import { resetTestStores } from "./reset-stores";

// Started by Playwright: the production build on the test database, freshly seeded with the demo data.
await resetTestStores();
Object.assign(process.env, { NODE_ENV: "production", LOG_LEVEL: "warn" });
await launch({ mode: "start", port: Number(process.env.E2E_PORT ?? 3100), seedIfEmpty: true, banner: false });
