import { Redis } from "ioredis";

/** Startup failure with a message fit to print as is (the password is masked). */
export class RedisUnreachableError extends Error {
  constructor(
    readonly redisUrl: string,
    reason: string,
  ) {
    super(`Redis is not reachable at ${redisUrl} (${reason})`);
    this.name = "RedisUnreachableError";
  }
}

/** One ioredis connection shared by every request; fails fast, with a printable reason, if Redis is not there. */
export async function connectRedis(redisUrl: string, log: (line: string) => void): Promise<Redis> {
  const shownUrl = maskPassword(redisUrl);
  // maxRetriesPerRequest bounds how long a request waits while Redis is down: it gets a 503, not a hang.
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 2 });
  let lastError: Error | undefined;
  let healthy = false;
  redis.on("error", (err: Error) => {
    lastError = err;
    // One line per outage, not one per reconnect attempt.
    if (healthy) log(`bridge: lost Redis at ${shownUrl}: ${err.message}; reconnecting`);
    healthy = false;
  });
  redis.on("ready", () => {
    if (lastError) log(`bridge: Redis at ${shownUrl} is back`);
    healthy = true;
  });
  try {
    await redis.connect();
  } catch (err) {
    redis.disconnect();
    throw new RedisUnreachableError(shownUrl, (lastError ?? (err as Error)).message);
  }
  lastError = undefined;
  return redis;
}

/** The URL with its password replaced by ***, fit for logs. */
export function maskPassword(redisUrl: string): string {
  try {
    const u = new URL(redisUrl);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return redisUrl;
  }
}
