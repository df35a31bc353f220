import { Redis } from "ioredis";
import { TEST_ENV } from "./test-env";

/** Puts the test environment into process.env, recreates switchboard_test and empties Redis database 1. */
export async function resetTestStores(): Promise<void> {
  Object.assign(process.env, TEST_ENV);
  const { resetDatabase } = await import("@/lib/db/migrate");
  await resetDatabase(TEST_ENV.DATABASE_URL!);
  const redis = new Redis(TEST_ENV.REDIS_URL!, { maxRetriesPerRequest: 1 });
  try {
    // FLUSHDB on the test database only; the dev database (0) is never touched.
    await redis.flushdb();
  } finally {
    redis.disconnect();
  }
}
