import Redis from "ioredis";
import { redisTcpEnv } from "@/lib/env/redis";
import { GATEWAY_SCRIPT, REFUND_SCRIPT } from "./script";
import { decisionTimeoutMs, timeoutError, type DecisionTransport } from "./transport";

type GatewayRedis = Redis & { gatewayDecide(...args: string[]): Promise<unknown[]> };

let cached: { url: string; client: GatewayRedis } | undefined;

/**
 * One connection per instance (ioredis pipelines concurrent commands on it). Nothing is queued or
 * resent behind the caller's back: a decision that could not be sent fails now (the failure policy
 * answers), and one in flight when the connection drops is not replayed later, where it would
 * consume quota for a request that was already answered. Rebuilt if REDIS_URL changes (tests).
 */
function client(): GatewayRedis {
  const url = process.env.REDIS_URL ?? redisTcpEnv().REDIS_URL;
  if (cached?.url !== url) {
    cached?.client.disconnect();
    const redis = new Redis(url, {
      enableOfflineQueue: false,
      autoResendUnfulfilledCommands: false,
      maxRetriesPerRequest: 0,
      // Reconnect soon after Redis is back (the REST bridge retries every 500 ms too).
      retryStrategy: (attempt) => Math.min(attempt * 100, 500),
      connectTimeout: 2_000,
      lazyConnect: false,
    }) as GatewayRedis;
    // EVALSHA; ioredis sends EVAL the first time on a connection and again on NOSCRIPT (a restarted or flushed Redis).
    redis.defineCommand("gatewayDecide", { numberOfKeys: 0, lua: GATEWAY_SCRIPT });
    // A down Redis is the failure policy's business, not an unhandled 'error' event.
    redis.on("error", () => undefined);
    cached = { url, client: redis };
  }
  return cached.client;
}

/** Resolves when the connection is ready; only waits while it is still being opened for the first time. */
async function ready(redis: GatewayRedis, ms: number): Promise<void> {
  if (redis.status === "ready") return;
  if (redis.status !== "connecting" && redis.status !== "connect" && redis.status !== "wait") throw new Error(`Redis is ${redis.status}`);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(timeoutError(ms)), ms);
    redis.once("ready", () => {
      clearTimeout(timer);
      resolve();
    });
  });
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
      return redis.gatewayDecide(...args);
    });
  },
  refund(args) {
    const redis = client();
    // Same connection, so it reaches Redis after the decision it refunds.
    return withDeadline(() => redis.eval(REFUND_SCRIPT, 0, ...args));
  },
};
