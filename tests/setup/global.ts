import { resetTestStores } from "./reset-stores";
import { TEST_ENV } from "./test-env";

/** Once per vitest run: fresh test database and Redis, and the REST bridge the app code talks to. */
export default async function setup() {
  await resetTestStores();
  const { startBridge } = await import("@/lib/redis/bridge/server");
  const bridge = await startBridge({
    redisUrl: TEST_ENV.REDIS_URL!,
    token: TEST_ENV.UPSTASH_REDIS_REST_TOKEN!,
    port: Number(TEST_ENV.BRIDGE_PORT),
  });
  return async () => {
    await bridge.close();
  };
}
