import { Redis } from "ioredis";

/** Startup failure with a message fit to print as is (the password is masked). */
export class RedisUnreachableError extends Error {
  constructor(
    readonly redisUrl: string,
    reason: string,
    /** Redis answered but refused the connection (wrong password, no right to SELECT the database). */
    readonly refusedByRedis = false,
  ) {
    super(refusedByRedis ? `Redis at ${redisUrl} refused the connection (${reason})` : `Redis is not reachable at ${redisUrl} (${reason})`);
    this.name = "RedisUnreachableError";
  }
}

/**
 * How long the bridge waits before its next reconnect attempt while Redis is down: 50 ms more per
 * attempt, at most 500 ms (ioredis' default grows to 2 s). A request waits for at most two attempts
 * (maxRetriesPerRequest) before its 503, so during an outage an answer takes about a second rather
 * than four, and a Redis that is back is found within half a second (`npm run test:faults`).
 */
export const reconnectDelayMs = (attempt: number): number => Math.min(attempt * 50, 500);

export interface ConnectOptions {
  /** Connect as this Redis user instead of the URL's (the bridge's confined ACL user). */
  user?: { name: string; password: string };
}

/**
 * One ioredis connection shared by every request; fails fast, with a printable reason, if Redis is
 * not there or refuses the URL's credentials or database. A password in REDIS_URL is percent-encoded
 * (`redis://:p%40ss@host:6379/0`); a user name goes before it (`redis://user:pass@…`).
 */
export async function connectRedis(redisUrl: string, log: (line: string) => void, opts: ConnectOptions = {}): Promise<Redis> {
  const url = opts.user ? withUser(redisUrl, opts.user.name, opts.user.password) : redisUrl;
  const shownUrl = maskPassword(url);
  const redis = new Redis(url, {
    lazyConnect: true,
    // maxRetriesPerRequest bounds how long a request waits while Redis is down: it gets a 503, not a hang.
    maxRetriesPerRequest: 2,
    retryStrategy: reconnectDelayMs,
    // The ready check runs INFO, which a named (confined) user may not run: ioredis would warn on
    // every connect. Without it, requests sent while Redis loads its data get Redis' LOADING error.
    enableReadyCheck: !new URL(url).username,
  });
  let lastError: Error | undefined;
  /** The first refusal while connecting names the cause (WRONGPASS); later ones only follow from it (NOAUTH). */
  let setupError: Error | undefined;
  let started = false;
  let healthy = false;
  redis.on("error", (err: Error) => {
    lastError = err;
    if (!started) setupError ??= err;
    // One line per outage, not one per reconnect attempt.
    if (started && healthy) log(`bridge: lost Redis at ${shownUrl}: ${err.message}; reconnecting`);
    healthy = false;
  });
  redis.on("ready", () => {
    if (started && lastError) log(`bridge: Redis at ${shownUrl} is back`);
    healthy = true;
  });
  try {
    await redis.connect();
    // ioredis reports a refused AUTH or SELECT only as an "error" event, and goes on as if connected
    // (on database 0 when SELECT failed). The PING is answered after both: any refusal is known by then.
    await redis.ping();
    if (setupError) throw setupError;
  } catch (err) {
    redis.disconnect();
    const reason = setupError ?? (err as Error);
    throw new RedisUnreachableError(shownUrl, reason.message, reason.name === "ReplyError");
  }
  lastError = undefined;
  started = true;
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

/** The database the URL names (`redis://host:6379/3` → 3); 0 when it names none. */
export function databaseOf(redisUrl: string): number {
  const db = Number(new URL(redisUrl).pathname.slice(1) || 0);
  return Number.isInteger(db) && db >= 0 ? db : 0;
}

/** The URL's password (decoded), or "" when it has none. */
export function passwordOf(redisUrl: string): string {
  return decodeURIComponent(new URL(redisUrl).password);
}

/** ioredis takes credentials from the URL over its options, so another user means another URL. */
function withUser(redisUrl: string, name: string, password: string): string {
  const u = new URL(redisUrl);
  u.username = encodeURIComponent(name);
  u.password = encodeURIComponent(password);
  return u.toString();
}
