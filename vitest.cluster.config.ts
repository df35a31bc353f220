import path from "node:path";
import { defineConfig } from "vitest/config";
import { TEST_ENV } from "./tests/setup/test-env";

/**
 * `npm run test:cluster`: the production build as three replicas behind Debian's nginx running
 * deploy/nginx.conf, with one worker, one REST bridge and the fakes (tests/cluster/global-setup.ts
 * starts and stops them). Its own config: `npm run test:unit` never starts this.
 */
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["tests/cluster/**/*.test.ts"],
    env: TEST_ENV,
    globalSetup: ["tests/cluster/global-setup.ts"],
    pool: "forks",
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 240_000,
  },
});
