import { createHash, randomUUID } from "node:crypto";
import { Ratelimit } from "@upstash/ratelimit";
import { Redis } from "@upstash/redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBridge, type Bridge } from "@/lib/redis/bridge/server";
import { setupBridge } from "../helpers/bridge-fixture";
import { setupPrivateRedis } from "../helpers/bridge-private-redis";

/**
 * Lua through the bridge: @upstash/ratelimit's `#!lua flags=allow-key-locking` scripts, which stock
 * Redis rejects unless the bridge strips the shebang, and the EVALSHA mapping from the SHA the client
 * computes to the script Redis really holds.
 */

const fx = setupBridge("bridge-scripts");
const { token, redisUrl, k } = fx;
let bridge: Bridge;
let redis: Redis;
const sha1 = (s: string) => createHash("sha1").update(s, "utf8").digest("hex");

/** A window no test run will cross, so the counts below are exact. */
const LONG = "1000 d";

const clients = {
  "one request per command": () => new Redis({ url: bridge.url, token, enableTelemetry: false, enableAutoPipelining: false }),
  "auto-pipelining (the client's default)": () => new Redis({ url: bridge.url, token, enableTelemetry: false }),
};

beforeAll(() => {
  ({ bridge, redis } = fx);
});

async function attempts(limiter: Ratelimit, id: string, n: number) {
  const results = [];
  for (let i = 0; i < n; i++) results.push(await limiter.limit(id));
  return results;
}

describe.each(Object.entries(clients))("@upstash/ratelimit with %s", (_label, makeClient) => {
  const limiterFor = (limiter: ConstructorParameters<typeof Ratelimit>[0]["limiter"]) =>
    // No ephemeral cache: every decision must come from Redis, not from the limiter's memory.
    new Ratelimit({ redis: makeClient(), limiter, prefix: k("rl"), ephemeralCache: false });

  it("fixed window allows exactly the limit, then resets", async () => {
    const limiter = limiterFor(Ratelimit.fixedWindow(5, LONG));
    const results = await attempts(limiter, "user-1", 7);
    expect(results.map((r) => r.success)).toEqual([true, true, true, true, true, false, false]);
    expect(results.map((r) => r.remaining)).toEqual([4, 3, 2, 1, 0, 0, 0]);
    expect(results.every((r) => r.limit === 5 && r.reason === undefined)).toBe(true);
    expect((await limiter.getRemaining("user-1")).remaining).toBe(0);
    // Another identifier has its own budget.
    expect((await limiter.getRemaining("user-2")).remaining).toBe(5);

    await limiter.resetUsedTokens("user-1");
    expect((await limiter.getRemaining("user-1")).remaining).toBe(5);
    expect((await limiter.limit("user-1")).success).toBe(true);
  });

  it("sliding window allows exactly the limit, then resets", async () => {
    const limiter = limiterFor(Ratelimit.slidingWindow(3, LONG));
    const results = await attempts(limiter, "user-1", 5);
    expect(results.map((r) => r.success)).toEqual([true, true, true, false, false]);
    expect(results.map((r) => r.remaining)).toEqual([2, 1, 0, 0, 0]);
    expect((await limiter.getRemaining("user-1")).remaining).toBe(0);

    await limiter.resetUsedTokens("user-1");
    expect((await limiter.getRemaining("user-1")).remaining).toBe(3);
    expect((await limiter.limit("user-1")).success).toBe(true);
  });

  it("token bucket spends the bucket, then resets", async () => {
    const limiter = limiterFor(Ratelimit.tokenBucket(1, LONG, 4));
    const results = await attempts(limiter, "user-1", 6);
    expect(results.map((r) => r.success)).toEqual([true, true, true, true, false, false]);
    expect(results.map((r) => r.remaining)).toEqual([3, 2, 1, 0, 0, 0]);
    expect((await limiter.getRemaining("user-1")).remaining).toBe(0);

    await limiter.resetUsedTokens("user-1");
    expect((await limiter.getRemaining("user-1")).remaining).toBe(4);
    expect((await limiter.limit("user-1")).success).toBe(true);
  });

  it("never admits more than the limit under concurrency", async () => {
    const limiter = limiterFor(Ratelimit.fixedWindow(10, LONG));
    const results = await Promise.all(Array.from({ length: 25 }, () => limiter.limit("burst")));
    expect(results.filter((r) => r.success)).toHaveLength(10);
  });
});

describe("scripts with a #!lua shebang", () => {
  const script = (tag: string) =>
    `#!lua flags=allow-key-locking\n-- ${tag}\nlocal n = redis.call("INCRBY", KEYS[1], ARGV[1])\nreturn {n, "OK", ARGV[2]}`;

  it("runs through EVAL, then EVALSHA of the original SHA", async () => {
    const body = script(randomUUID());
    expect(await redis.eval(body, [k("n")], [2, "T0s="])).toEqual([2, "OK", "T0s="]);
    expect(await redis.evalsha(sha1(body), [k("n")], [3, "x"])).toEqual([5, "OK", "x"]);
    expect(await redis.scriptExists(sha1(body), sha1("return 'never loaded'"))).toEqual([1, 0]);
  });

  it("SCRIPT LOAD answers the original SHA, which EVALSHA then accepts", async () => {
    const body = script(randomUUID());
    expect(await redis.scriptLoad(body)).toBe(sha1(body));
    expect(await redis.evalsha(sha1(body), [k("n")], [1, "y"])).toEqual([1, "OK", "y"]);
  });

  it("works through the client's Script helper (EVALSHA, NOSCRIPT, EVAL fallback)", async () => {
    const s = redis.createScript<[number, string, string]>(script(randomUUID()));
    expect(await s.exec([k("n")], ["4", "z"])).toEqual([4, "OK", "z"]);
    expect(await s.exec([k("n")], ["4", "z"])).toEqual([8, "OK", "z"]);
  });

  it("keeps line numbers in Redis' error messages", async () => {
    await redis.set(k("text"), "not a number");
    const body = `#!lua flags=allow-key-locking\nlocal a = 1\nreturn redis.call("INCR", KEYS[1])`;
    await expect(redis.eval(body, [k("text")], [])).rejects.toThrow(/@user_script:3\b/);
  });

  it("answers NOSCRIPT for a SHA nobody loaded", async () => {
    await expect(redis.evalsha(sha1(`return '${randomUUID()}'`), [], [])).rejects.toThrow(/NOSCRIPT/);
  });

  it("leaves scripts without a shebang alone", async () => {
    const body = `return {KEYS[1], ARGV[1], '${randomUUID()}'}`;
    const [key, arg] = await redis.eval<[string], [string, string, string]>(body, [k("x")], ["arg"]);
    expect([key, arg]).toEqual([k("x"), "arg"]);
    expect(await redis.evalsha(sha1(body), [k("x")], ["again"])).toEqual([k("x"), "again", expect.any(String)]);
  });
});

describe("a fresh bridge, scripts checked by the bridge (REDIS_URL's user may run anything)", () => {
  it("has not checked any script yet: NOSCRIPT, and the client's EVAL fallback recovers with one detour", async () => {
    expect(bridge.scriptGuard).toBe("static-check");
    const body = `#!lua flags=allow-key-locking\nreturn redis.call("INCR", KEYS[1]) -- ${randomUUID()}`;
    expect(await redis.eval(body, [k("n")], [])).toBe(1);
    const warm = new Ratelimit({ redis, limiter: Ratelimit.slidingWindow(2, LONG), prefix: k("warm"), ephemeralCache: false });
    await warm.limit("someone");

    const fresh = await startBridge({ port: 0, redisUrl, token });
    try {
      const client = new Redis({ url: fresh.url, token, enableTelemetry: false, enableAutoPipelining: false });
      // Redis has both scripts (the other bridge loaded them) but this bridge never checked them.
      await expect(client.evalsha(sha1(body), [k("n")], [])).rejects.toThrow(/^NOSCRIPT No matching script/);
      expect(fresh.stats().commands).toBe(0);
      fresh.resetStats();
      const limiter = new Ratelimit({ redis: client, limiter: Ratelimit.slidingWindow(2, LONG), prefix: k("rl"), ephemeralCache: false });
      const results = await attempts(limiter, "user-1", 3);
      expect(results.map((r) => r.success)).toEqual([true, true, false]);
      // The first limit() costs EVALSHA (answered NOSCRIPT by the bridge, Redis never sees it) + EVAL.
      expect(fresh.stats()).toMatchObject({ requests: 4, commands: 3, redisErrors: 0 });
    } finally {
      await fresh.close();
    }
  });
});

describe("a fresh bridge, scripts confined by Redis' ACL", () => {
  const own = setupPrivateRedis();
  const aclUser = "switchboard-bridge";
  let first: Bridge;
  let firstClient: Redis;

  beforeAll(async () => {
    first = await startBridge({ port: 0, redisUrl: own.url(2), token, aclUser });
    firstClient = new Redis({ url: first.url, token, enableTelemetry: false, enableAutoPipelining: false });
  });

  afterAll(async () => {
    await first?.close();
  });

  it("knows the SHA mapping another bridge learned, from Redis", async () => {
    expect(first.scriptGuard).toBe("redis-acl");
    const body = `#!lua flags=allow-key-locking\nreturn redis.call("INCR", KEYS[1]) -- ${randomUUID()}`;
    expect(await firstClient.eval(body, [k("n")], [])).toBe(1);

    const fresh = await startBridge({ port: 0, redisUrl: own.url(2), token, aclUser });
    try {
      const client = new Redis({ url: fresh.url, token, enableTelemetry: false, enableAutoPipelining: false });
      // No EVAL ever reached this bridge: only the mapping in Redis can make this EVALSHA succeed.
      expect(await client.evalsha(sha1(body), [k("n")], [])).toBe(2);
      expect(fresh.stats().redisErrors).toBe(0);
    } finally {
      await fresh.close();
    }
  });

  it("runs @upstash/ratelimit without a single NOSCRIPT once the mapping is known", async () => {
    const warm = new Ratelimit({ redis: firstClient, limiter: Ratelimit.slidingWindow(2, LONG), prefix: k("warm"), ephemeralCache: false });
    await warm.limit("someone");

    const fresh = await startBridge({ port: 0, redisUrl: own.url(2), token, aclUser });
    try {
      const client = new Redis({ url: fresh.url, token, enableTelemetry: false });
      const limiter = new Ratelimit({ redis: client, limiter: Ratelimit.slidingWindow(2, LONG), prefix: k("rl"), ephemeralCache: false });
      const results = await attempts(limiter, "user-1", 3);
      expect(results.map((r) => r.success)).toEqual([true, true, false]);
      expect(fresh.stats()).toMatchObject({ requests: 3, commands: 3, redisErrors: 0 });
    } finally {
      await fresh.close();
    }
  });

  it.each([
    ["fixed window", Ratelimit.fixedWindow(2, LONG)],
    ["sliding window", Ratelimit.slidingWindow(2, LONG)],
    ["token bucket", Ratelimit.tokenBucket(1, LONG, 2)],
  ])(
    "runs @upstash/ratelimit's %s, its remaining count and its reset (SCAN and DEL inside Lua) as the confined user",
    async (_label, algorithm) => {
      const limiter = new Ratelimit({ redis: firstClient, limiter: algorithm, prefix: k("acl"), ephemeralCache: false });
      expect((await attempts(limiter, "user-1", 3)).map((r) => r.success)).toEqual([true, true, false]);
      expect((await limiter.getRemaining("user-1")).remaining).toBe(0);
      await limiter.resetUsedTokens("user-1");
      expect((await limiter.getRemaining("user-1")).remaining).toBe(2);
    },
  );
});
