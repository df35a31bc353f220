import path from "node:path";
import { defineConfig } from "vitest/config";
import { TEST_ENV } from "./tests/setup/test-env";

/**
 * Unit and integration tests. Integration tests use the real MariaDB (database switchboard_test,
 * recreated and migrated once per run by tests/setup/global.ts) and the real Redis (database 1,
 * flushed per run) through the project's own Upstash REST bridge, which the global setup starts.
 */
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    env: TEST_ENV,
    globalSetup: ["tests/setup/global.ts"],
    pool: "forks",
    // Integration files share one database and one Redis: run files one at a time, tests inside in order.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
