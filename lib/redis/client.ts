import { Redis } from "@upstash/redis";
import { redisEnv } from "@/lib/env/redis";

/**
 * The app's one Redis client: Upstash REST, so the same code runs in edge middleware and in Node route
 * handlers (on Vercel against Upstash, locally against lib/redis/bridge). Keep this file free of Node
 * imports: the edge bundle includes it.
 */
let client: Redis | undefined;

export function getRedis(): Redis {
  if (!client) {
    const env = redisEnv();
    client = new Redis({
      url: env.UPSTASH_REDIS_REST_URL,
      token: env.UPSTASH_REDIS_REST_TOKEN,
      // Telemetry headers would only tell Upstash about our own bridge; skip them on every request.
      enableTelemetry: false,
    });
  }
  return client;
}

/** `redisKey("cache", companyId, "dashboard")` → `sb:cache:<companyId>:dashboard` (prefix from REDIS_KEY_PREFIX). */
export function redisKey(...parts: Array<string | number>): string {
  return redisEnv().REDIS_KEY_PREFIX + parts.join(":");
}
