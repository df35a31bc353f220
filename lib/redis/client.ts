import { Redis } from "@upstash/redis";
import { redisEnv } from "@/lib/env/redis";
import { traceRedisCall } from "@/lib/tracing/trace-redis-call";

/**
 * The app's one Redis client: Upstash REST, so the same code runs in edge middleware and in Node route
 * handlers (on Vercel against Upstash, locally against lib/redis/bridge). Keep this file free of Node
 * imports: the edge bundle includes it.
 */
let client: Redis | undefined;

/**
 * A request that got no HTTP answer at all (connection refused or dropped) is tried once more, 50 ms
 * later. The client's default — 5 retries with exponential backoff, about 4.3 s — held every Redis
 * trip that long while the bridge (or Upstash) was unreachable, so a person's cached read, which makes
 * several, took up to 10 s before its failure policy applied (`npm run test:faults`, bridge killed).
 * An HTTP answer, even an error, is never retried by the client.
 */
export const REDIS_RETRY = { retries: 1, backoff: () => 50 } as const;

export function getRedis(): Redis {
  if (!client) {
    const env = redisEnv();
    client = new Redis({
      url: env.UPSTASH_REDIS_REST_URL,
      token: env.UPSTASH_REDIS_REST_TOKEN,
      // Telemetry headers would only tell Upstash about our own bridge; skip them on every request.
      enableTelemetry: false,
      retry: REDIS_RETRY,
    });
    // A span per Redis trip with the command's name only, when a trace is recording (a no-op otherwise).
    client.use(traceRedisCall);
  }
  return client;
}

/** `redisKey("cache", companyId, "dashboard")` → `sb:cache:<companyId>:dashboard` (prefix from REDIS_KEY_PREFIX). */
export function redisKey(...parts: Array<string | number>): string {
  return redisEnv().REDIS_KEY_PREFIX + parts.join(":");
}
