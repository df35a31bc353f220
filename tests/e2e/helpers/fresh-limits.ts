import { Redis } from "ioredis";
import { TEST_ENV } from "../../setup/test-env";

/**
 * Every story starts with fresh rate-limit windows, as it would in its own hour: the suite signs
 * the same demo people in again and again, and pages count against their hourly limits like API
 * calls do, so a long run would otherwise be refused by the user layer half way through. The
 * limits themselves are proven by the integration tests; only the counters (`rl:` keys of the
 * test Redis database) are removed, never records or sessions.
 */
export async function freshRateLimits(): Promise<void> {
  const redis = new Redis(TEST_ENV.REDIS_URL!, { maxRetriesPerRequest: 1 });
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${TEST_ENV.REDIS_KEY_PREFIX}rl:*`, "COUNT", 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
}
