/**
 * The fixed secrets every test process runs with (tests/setup/test-env.ts). They are printed in this
 * repository, so lib/env/production-secrets.ts refuses them in production. No imports: the Playwright
 * and Vitest configs load this file before any path alias exists.
 */
export const TEST_SECRETS = {
  NEXTAUTH_SECRET: "test-nextauth-secret-0123456789abcdef0123",
  GATEWAY_SIGNING_SECRET: "test-gateway-secret-0123456789abcdef0123",
  /** base64 of 32 bytes of 0x07. */
  ENCRYPTION_KEY: "BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=",
  UPSTASH_REDIS_REST_TOKEN: "test-bridge-token-0123456789abcdef",
} as const;
