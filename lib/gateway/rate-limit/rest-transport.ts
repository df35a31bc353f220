import { Redis } from "@upstash/redis";
import { redisEnv } from "@/lib/env/redis";
import { GATEWAY_SCRIPT, REFUND_SCRIPT } from "./script";
import { decisionTimeoutMs, type DecisionTransport } from "./transport";

let cached: { url: string; client: Redis; script: ReturnType<Redis["createScript"]> } | undefined;

/**
 * A dedicated client: no retries and a hard deadline, because the failure policy decides what a
 * slow Redis means. Rebuilt if the URL changes (tests point it at a Redis that never answers).
 */
function client() {
  const env = redisEnv();
  const url = process.env.UPSTASH_REDIS_REST_URL ?? env.UPSTASH_REDIS_REST_URL;
  if (cached?.url !== url) {
    const redis = new Redis({
      url,
      token: env.UPSTASH_REDIS_REST_TOKEN,
      enableTelemetry: false,
      retry: false,
      automaticDeserialization: false,
      signal: () => AbortSignal.timeout(decisionTimeoutMs()),
    });
    cached = { url, client: redis, script: redis.createScript(GATEWAY_SCRIPT) };
  }
  return cached;
}

/** The decision over the Upstash REST protocol: one HTTP request (Upstash, or lib/redis/bridge in front of Redis). */
export const restTransport: DecisionTransport = {
  name: "rest",
  async decide(args) {
    return (await client().script.exec([], args)) as unknown[];
  },
  refund(args) {
    return client().client.eval(REFUND_SCRIPT, [], args);
  },
};
