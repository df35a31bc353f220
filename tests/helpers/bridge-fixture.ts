import { randomUUID } from "node:crypto";
import { Redis, type RedisConfigNodejs } from "@upstash/redis";
import { Redis as TcpRedis } from "ioredis";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { startBridge, type Bridge, type BridgeOptions } from "@/lib/redis/bridge/server";

export interface BridgeFixture {
  /** The bridge's token: `<name>-<uuid>`. */
  readonly token: string;
  /** The Redis behind the bridge (the run's REDIS_URL). */
  readonly redisUrl: string;
  /** The running bridge; from the file's beforeAll on. */
  readonly bridge: Bridge;
  /** A client sending one command per request (auto-pipelining off); also the one that cleans up. */
  readonly redis: Redis;
  /** This test's key prefix, fresh for every test. */
  readonly prefix: string;
  /** `name` under this test's prefix. */
  k(name: string): string;
  /** Another client for this bridge: no telemetry, one command per request unless `config` says otherwise. */
  client(config?: Partial<RedisConfigNodejs>): Redis;
}

/**
 * Registers the hooks a bridge conformance file needs: a bridge on a free port in front of the run's
 * Redis (beforeAll, closed in afterAll), a fresh key prefix per test, and every key under it deleted
 * after the test. Call it at the top of the file, before any hook of its own that reads the fixture.
 */
export function setupBridge(name: string, options: Pick<BridgeOptions, "maxBodyBytes"> = {}): BridgeFixture {
  const token = `${name}-${randomUUID()}`;
  const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379/1";
  let bridge: Bridge | undefined;
  let redis: Redis | undefined;
  let prefix = "";

  const started = () => {
    if (!bridge || !redis) throw new Error("setupBridge: the bridge is not started yet (read it in a hook or a test)");
    return { bridge, redis };
  };
  const clientFor = (b: Bridge, config: Partial<RedisConfigNodejs> = {}) =>
    new Redis({ url: b.url, token, enableTelemetry: false, enableAutoPipelining: false, ...config });

  beforeAll(async () => {
    bridge = await startBridge({ port: 0, redisUrl, token, ...options });
    redis = clientFor(bridge);
  });

  afterAll(async () => {
    await bridge?.close();
  });

  beforeEach(() => {
    prefix = `bridge-test:${randomUUID()}:`;
  });

  afterEach(async () => {
    await deleteByPrefix(started().redis, prefix);
  });

  return {
    token,
    redisUrl,
    get bridge() {
      return started().bridge;
    },
    get redis() {
      return started().redis;
    },
    get prefix() {
      return prefix;
    },
    k: (name) => `${prefix}${name}`,
    client: (config) => clientFor(started().bridge, config),
  };
}

/** Deletes every key under `prefix` through the bridge, paging with SCAN (the bridge refuses KEYS). */
export async function deleteByPrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, { match: `${prefix}*`, count: 1000 });
    if (keys.length > 0) await redis.del(...keys);
    cursor = String(next);
  } while (cursor !== "0");
}

/**
 * Empties the run's own Redis database (TEST_SLOT's, never the dev database 0) over TCP, as the
 * global setup does: the bridge refuses FLUSHDB, like every command that is not a data command.
 */
export async function flushTestRedis(): Promise<void> {
  const url = process.env.REDIS_URL;
  const db = url ? new URL(url).pathname.slice(1) : "";
  if (!url || process.env.NODE_ENV !== "test" || db === "" || db === "0") {
    throw new Error(`flushTestRedis: refusing to flush ${url ?? "an unset REDIS_URL"} outside a test database`);
  }
  const redis = new TcpRedis(url, { maxRetriesPerRequest: 1 });
  try {
    await redis.flushdb();
  } finally {
    redis.disconnect();
  }
}
