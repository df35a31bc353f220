import { TEST_SECRETS } from "../../lib/env/test-secrets";

/**
 * The environment every test process runs with: its own MariaDB database (switchboard_test,
 * recreated per run), Redis database 1 with its own key prefix, the REST bridge on its own port,
 * and fixed non-secret secrets (lib/env/test-secrets.ts; production refuses them). Each value can be moved with a TEST_* variable.
 *
 * TEST_SLOT=n (1–9) moves all of them at once, so several checkouts on one machine can run their
 * suites side by side: database switchboard_s<n>_test, Redis database 1+n, bridge port 18079+100n,
 * e2e port 3100+100n (playwright.config.ts reads the same slot).
 */
export const TEST_SLOT = Math.max(0, Math.min(9, Number(process.env.TEST_SLOT ?? 0) || 0));
const bridgePort = process.env.TEST_BRIDGE_PORT ?? String(18079 + 100 * TEST_SLOT);
const databaseName = TEST_SLOT === 0 ? "switchboard_test" : `switchboard_s${TEST_SLOT}_test`;

export const TEST_ENV: Record<string, string> = {
  NODE_ENV: "test",
  LOG_LEVEL: "silent",
  DATABASE_URL: process.env.TEST_DATABASE_URL ?? `mysql://root@127.0.0.1:3306/${databaseName}`,
  REDIS_URL: process.env.TEST_REDIS_URL ?? `redis://127.0.0.1:6379/${1 + TEST_SLOT}`,
  BRIDGE_PORT: bridgePort,
  UPSTASH_REDIS_REST_URL: `http://127.0.0.1:${bridgePort}`,
  UPSTASH_REDIS_REST_TOKEN: TEST_SECRETS.UPSTASH_REDIS_REST_TOKEN,
  REDIS_KEY_PREFIX: "sbt:",
  NEXTAUTH_SECRET: TEST_SECRETS.NEXTAUTH_SECRET,
  GATEWAY_SIGNING_SECRET: TEST_SECRETS.GATEWAY_SIGNING_SECRET,
  ENCRYPTION_KEY: TEST_SECRETS.ENCRYPTION_KEY,
  DATA_DIR: "./.data/test",
  DEMO_PASSWORD: "switchboard-demo",
  // The gateway decision's Redis deadline: SPEC's 250 ms is for production; on a loaded 2-core test
  // machine a fail-closed layer (API keys, creations) would answer 503 now and then. Tests of the
  // deadline itself set their own (tests/integration/gateway-limits.test.ts).
  GATEWAY_REDIS_TIMEOUT_MS: "1500",
};
