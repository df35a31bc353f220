import Redis from "ioredis";
import { redisTcpEnv } from "@/lib/env/redis";
import { GATEWAY_SCRIPT, REFUND_SCRIPT } from "./script";
import { decisionTimeoutMs, timeoutError, type DecisionTransport } from "./transport";

type GatewayRedis = Redis & { gatewayDecide(...args: string[]): Promise<unknown[]> };

// One connection per process, on globalThis: the proxy's bundle and the server's front answers (lib/server)
// load this module separately.
const CONNECTION = Symbol.for("switchboard.gateway.tcpConnection");
const holder = globalThis as typeof globalThis & { [CONNECTION]?: { url: string; client: GatewayRedis } };

/**
 * A connection with commands waiting that receives nothing for this long is dead (Redis hung, a
 * half-open socket, a path that drops packets): ioredis destroys it (`socketTimeout`), rejects what
 * was waiting without resending it (autoResendUnfulfilledCommands: false) and reconnects. Well above
 * a slow but living Redis (the deadline is 250 ms); it also bounds the startup check (INFO).
 */
export const SILENT_CONNECTION_MS = 2_000;
/** Decisions waiting on the one connection at most; past it a decision falls back at once instead of queueing. */
export const MAX_PENDING_DECISIONS = 1_000;

/**
 * One connection per instance (ioredis pipelines concurrent commands on it). Nothing is queued or
 * resent behind the caller's back: a decision that could not be sent fails now (the failure policy
 * answers), and one in flight when the connection drops is not replayed later, where it would
 * consume quota for a request that was already answered. Rebuilt if REDIS_URL changes (tests).
 */
function client(): GatewayRedis {
  const url = process.env.REDIS_URL ?? redisTcpEnv().REDIS_URL;
  const cached = holder[CONNECTION];
  if (cached?.url !== url) {
    cached?.client.disconnect();
    const redis = new Redis(url, {
      enableOfflineQueue: false,
      autoResendUnfulfilledCommands: false,
      maxRetriesPerRequest: 0,
      // Reconnect soon after Redis is back (the REST bridge retries every 500 ms too).
      retryStrategy: (attempt) => Math.min(attempt * 100, 500),
      connectTimeout: 2_000,
      socketTimeout: SILENT_CONNECTION_MS,
      // TCP keep-alive probes find a peer that vanished while the connection was idle.
      keepAlive: 10_000,
      lazyConnect: false,
    }) as GatewayRedis;
    // EVALSHA; ioredis sends EVAL the first time on a connection and again on NOSCRIPT (a restarted or flushed Redis).
    redis.defineCommand("gatewayDecide", { numberOfKeys: 0, lua: GATEWAY_SCRIPT });
    // A down Redis is the failure policy's business, not an unhandled 'error' event.
    redis.on("error", () => undefined);
    holder[CONNECTION] = { url, client: redis };
    return redis;
  }
  return cached.client;
}

const readyWaits = new WeakMap<GatewayRedis, Promise<void>>();

/**
 * One wait per connection, shared by every decision that arrives while it is being opened: one
 * 'ready' listener however many requests time out waiting (a listener per request leaked).
 */
function readyWait(redis: GatewayRedis): Promise<void> {
  let wait = readyWaits.get(redis);
  if (!wait) {
    wait = new Promise<void>((resolve, reject) => {
      const settle = (err?: Error) => {
        redis.off("ready", onReady);
        redis.off("end", onEnd);
        readyWaits.delete(redis);
        if (err) reject(err);
        else resolve();
      };
      const onReady = () => settle();
      const onEnd = () => settle(new Error("Redis connection ended"));
      redis.once("ready", onReady);
      redis.once("end", onEnd);
    });
    wait.catch(() => undefined);
    readyWaits.set(redis, wait);
  }
  return wait;
}

/** Resolves when the connection is ready; only waits while it is being opened (or reopened). */
async function ready(redis: GatewayRedis, ms: number): Promise<void> {
  if (redis.status === "ready") return;
  if (redis.status !== "connecting" && redis.status !== "connect" && redis.status !== "wait") throw new Error(`Redis is ${redis.status}`);
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([readyWait(redis), new Promise<never>((_, reject) => (timer = setTimeout(() => reject(timeoutError(ms)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

function pending(redis: GatewayRedis): number {
  return (redis as unknown as { commandQueue: { length: number } }).commandQueue.length;
}

/** The connection as the tests and the health view see it: status, commands waiting for an answer, 'ready' listeners. */
export function tcpTransportState(): { status: string; pending: number; readyListeners: number } | undefined {
  const redis = holder[CONNECTION]?.client;
  if (!redis) return undefined;
  return { status: redis.status, pending: pending(redis), readyListeners: redis.listenerCount("ready") };
}

function withDeadline<T>(work: (ms: number) => Promise<T>): Promise<T> {
  const ms = decisionTimeoutMs();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(timeoutError(ms)), ms)));
  return Promise.race([work(ms), deadline]).finally(() => clearTimeout(timer));
}

/** The decision over a TCP connection to Redis (Node only): no HTTP, no bridge. */
export const tcpTransport: DecisionTransport = {
  name: "tcp",
  decide(args) {
    const redis = client();
    return withDeadline(async (ms) => {
      await ready(redis, ms);
      if (pending(redis) >= MAX_PENDING_DECISIONS) throw new Error(`${MAX_PENDING_DECISIONS} Redis commands already waiting`);
      return redis.gatewayDecide(...args);
    });
  },
  refund(args) {
    const redis = client();
    // Same connection, so it reaches Redis after the decision it refunds.
    return withDeadline(() => redis.eval(REFUND_SCRIPT, 0, ...args));
  },
};
