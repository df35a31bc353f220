/**
 * The environment every test process runs with: its own MariaDB database (switchboard_test,
 * recreated per run), Redis database 1 with its own key prefix, the REST bridge on its own port,
 * and fixed non-secret secrets. Each value can be moved with a TEST_* variable.
 */
const bridgePort = process.env.TEST_BRIDGE_PORT ?? "18079";

export const TEST_ENV: Record<string, string> = {
  NODE_ENV: "test",
  LOG_LEVEL: "silent",
  DATABASE_URL: process.env.TEST_DATABASE_URL ?? "mysql://root@127.0.0.1:3306/switchboard_test",
  REDIS_URL: process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379/1",
  BRIDGE_PORT: bridgePort,
  UPSTASH_REDIS_REST_URL: `http://127.0.0.1:${bridgePort}`,
  UPSTASH_REDIS_REST_TOKEN: "test-bridge-token-0123456789abcdef",
  REDIS_KEY_PREFIX: "sbt:",
  NEXTAUTH_SECRET: "test-nextauth-secret-0123456789abcdef0123",
  GATEWAY_SIGNING_SECRET: "test-gateway-secret-0123456789abcdef0123",
  ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
  DATA_DIR: "./.data/test",
  DEMO_PASSWORD: "switchboard-demo",
};
