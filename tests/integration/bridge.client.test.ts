import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBridge, type Bridge } from "@/lib/redis/bridge/server";
import { deleteByPrefix } from "../helpers/bridge-fixture";

/** lib/redis/client.ts, the factory app code uses, pointed at a bridge of this file's own. */

const token = `bridge-client-${randomUUID()}`;
const prefix = `bridge-test:${randomUUID()}:`;
let bridge: Bridge;

beforeAll(async () => {
  bridge = await startBridge({ port: 0, redisUrl: process.env.REDIS_URL ?? "redis://127.0.0.1:6379/1", token });
  // redisEnv() parses once, on first use: set the variables before anything reads them.
  process.env.UPSTASH_REDIS_REST_URL = bridge.url;
  process.env.UPSTASH_REDIS_REST_TOKEN = token;
  process.env.REDIS_KEY_PREFIX = prefix;
});

afterAll(async () => {
  const { getRedis } = await import("@/lib/redis/client");
  await deleteByPrefix(getRedis(), prefix);
  await bridge.close();
});

describe("lib/redis/client", () => {
  it("prefixes keys with REDIS_KEY_PREFIX", async () => {
    const { redisKey } = await import("@/lib/redis/client");
    expect(redisKey("cache", "co_123", 7)).toBe(`${prefix}cache:co_123:7`);
  });

  it("returns one memoised client that reaches Redis through the bridge", async () => {
    const { getRedis, redisKey } = await import("@/lib/redis/client");
    expect(getRedis()).toBe(getRedis());
    const before = bridge.stats().commands;
    await getRedis().set(redisKey("hello"), { from: "client" });
    expect(await getRedis().get(redisKey("hello"))).toEqual({ from: "client" });
    expect(bridge.stats().commands - before).toBe(2);
  });
});
