import { Redis } from "@upstash/redis";
import { beforeAll, describe, expect, it } from "vitest";
import type { Bridge } from "@/lib/redis/bridge/server";
import { setupBridge } from "../helpers/bridge-fixture";

/**
 * Data commands through the bridge, driven by @upstash/redis itself. `redis` sends one command per
 * request (POST /, auto-pipelining off); `raw` also skips the client's JSON deserialization so
 * string round trips can be checked byte for byte.
 */

const fx = setupBridge("bridge-commands");
const { k } = fx;
let bridge: Bridge;
let redis: Redis;
let raw: Redis;

beforeAll(() => {
  ({ bridge, redis } = fx);
  raw = fx.client({ automaticDeserialization: false });
});

describe("strings", () => {
  it("sets and gets, nil is null", async () => {
    expect(await redis.set(k("a"), "hello")).toBe("OK");
    expect(await redis.get(k("a"))).toBe("hello");
    expect(await redis.get(k("missing"))).toBeNull();
    expect(await redis.exists(k("a"), k("missing"))).toBe(1);
  });

  it("honours EX, PX, NX and XX", async () => {
    expect(await redis.set(k("ex"), "v", { ex: 100 })).toBe("OK");
    const ttl = await redis.ttl(k("ex"));
    expect(ttl).toBeGreaterThan(90);
    expect(ttl).toBeLessThanOrEqual(100);

    await redis.set(k("px"), "v", { px: 5_000 });
    const pttl = await redis.pttl(k("px"));
    expect(pttl).toBeGreaterThan(4_000);
    expect(pttl).toBeLessThanOrEqual(5_000);

    expect(await redis.set(k("nx"), "first", { nx: true })).toBe("OK");
    expect(await redis.set(k("nx"), "second", { nx: true })).toBeNull();
    expect(await redis.get(k("nx"))).toBe("first");

    expect(await redis.set(k("xx"), "v", { xx: true })).toBeNull();
    expect(await redis.exists(k("xx"))).toBe(0);
  });

  it("increments and decrements", async () => {
    expect(await redis.incr(k("n"))).toBe(1);
    expect(await redis.incrby(k("n"), 41)).toBe(42);
    expect(await redis.decr(k("n"))).toBe(41);
    expect(await redis.decrby(k("n"), 40)).toBe(1);
    expect(await redis.incrbyfloat(k("n"), 1.5)).toBe(2.5);
    expect(await redis.get(k("n"))).toBe(2.5);
  });

  it("sets and gets many keys at once", async () => {
    expect(await redis.mset({ [k("m1")]: "one", [k("m2")]: 2, [k("m3")]: { three: 3 } })).toBe("OK");
    expect(await redis.mget(k("m1"), k("missing"), k("m2"), k("m3"))).toEqual(["one", null, 2, { three: 3 }]);
  });

  it("stores objects and arrays as JSON and reads them back deserialized", async () => {
    const value = { id: "call_1", tags: ["a", "b"], nested: { ok: true, n: 1.25, none: null }, text: "OK" };
    await redis.set(k("json"), value);
    expect(await redis.get<typeof value>(k("json"))).toEqual(value);
    expect(await raw.get(k("json"))).toBe(JSON.stringify(value));
  });
});

describe("binary-safe strings", () => {
  const values = [
    "OK",
    "T0s=",
    "aGVsbG8=",
    "",
    " padded ",
    "123",
    "null",
    '"quoted"',
    "héllo wörld — ünïcode",
    "emoji 😀🚀👩‍👩‍👧",
    "nul\u0000byte\u0001 and \r\n line breaks",
    "日本語のテキスト",
  ];

  it.each(values)("round-trips %j exactly", async (value) => {
    await raw.set(k("v"), value);
    expect(await raw.get(k("v"))).toBe(value);
    expect(await raw.strlen(k("v"))).toBe(Buffer.byteLength(value));
  });

  it("round-trips the same values inside arrays (lists, hashes, sets)", async () => {
    await raw.rpush(k("list"), ...values);
    expect(await raw.lrange(k("list"), 0, -1)).toEqual(values);
    await raw.hset(k("hash"), Object.fromEntries(values.map((v, i) => [`f${i}:${v}`, v])));
    // Without automatic deserialization the client hands HMGET's array over as is.
    expect(await raw.hmget(k("hash"), ...values.map((v, i) => `f${i}:${v}`))).toEqual(values);
    await raw.sadd(k("set"), values[0] as string, ...values.slice(1));
    expect((await raw.smembers(k("set"))).sort()).toEqual([...values].sort());
  });

  it("accepts unicode keys", async () => {
    await raw.set(k("ключ🔑"), "v");
    expect(await raw.get(k("ключ🔑"))).toBe("v");
    // SCAN's COUNT is a hint: walk the cursor to the end, however many keys other files left in the database
    const found: string[] = [];
    let cursor = "0";
    do {
      const [next, keys] = await raw.scan(cursor, { match: `${fx.prefix}*`, count: 1000 });
      found.push(...keys);
      cursor = String(next);
    } while (cursor !== "0");
    expect(found).toEqual([k("ключ🔑")]);
  });

  it("keeps a 1 MB value intact", async () => {
    const big = "x😀".repeat(200_000);
    await raw.set(k("big"), big);
    expect(await raw.get(k("big"))).toBe(big);
  });
});

describe("hashes", () => {
  it("sets, reads and counts fields", async () => {
    expect(await redis.hset(k("h"), { name: "Ada", visits: 3, profile: { admin: true } })).toBe(3);
    expect(await redis.hget(k("h"), "name")).toBe("Ada");
    expect(await redis.hget(k("h"), "missing")).toBeNull();
    expect(await redis.hgetall(k("h"))).toEqual({ name: "Ada", visits: 3, profile: { admin: true } });
    expect(await redis.hmget(k("h"), "name", "missing")).toEqual({ name: "Ada", missing: null });
    expect(await redis.hincrby(k("h"), "visits", 2)).toBe(5);
    expect(await redis.hexists(k("h"), "name")).toBe(1);
    expect(await redis.hlen(k("h"))).toBe(3);
    expect((await redis.hkeys(k("h"))).sort()).toEqual(["name", "profile", "visits"]);
    expect(await redis.hdel(k("h"), "name", "missing")).toBe(1);
    expect(await redis.hgetall(k("missing"))).toBeNull();
  });
});

describe("lists", () => {
  it("pushes, pops and ranges", async () => {
    expect(await redis.rpush(k("l"), "b", "c")).toBe(2);
    expect(await redis.lpush(k("l"), "a")).toBe(3);
    expect(await redis.lrange(k("l"), 0, -1)).toEqual(["a", "b", "c"]);
    expect(await redis.llen(k("l"))).toBe(3);
    expect(await redis.lindex(k("l"), 1)).toBe("b");
    expect(await redis.lset(k("l"), 1, "B")).toBe("OK");
    expect(await redis.lpop(k("l"))).toBe("a");
    expect(await redis.rpop(k("l"))).toBe("c");
    expect(await redis.lrange(k("l"), 0, -1)).toEqual(["B"]);
    expect(await redis.lpop(k("empty"))).toBeNull();
    expect(await redis.lrange(k("empty"), 0, -1)).toEqual([]);
  });
});

describe("sets", () => {
  it("adds, tests membership and intersects", async () => {
    expect(await redis.sadd(k("s1"), "a", "b", "c")).toBe(3);
    expect(await redis.sadd(k("s1"), "a")).toBe(0);
    await redis.sadd(k("s2"), "b", "c", "d");
    expect(await redis.sismember(k("s1"), "a")).toBe(1);
    expect(await redis.sismember(k("s1"), "z")).toBe(0);
    expect(await redis.scard(k("s1"))).toBe(3);
    expect((await redis.smembers(k("s1"))).sort()).toEqual(["a", "b", "c"]);
    expect((await redis.sinter(k("s1"), k("s2"))).sort()).toEqual(["b", "c"]);
    expect(await redis.srem(k("s1"), "a", "z")).toBe(1);
    expect(await redis.smembers(k("missing"))).toEqual([]);
  });
});

describe("sorted sets", () => {
  it("keeps scores and answers ranges", async () => {
    expect(await redis.zadd(k("z"), { score: 3, member: "c" }, { score: 1, member: "a" }, { score: 2.5, member: "b" })).toBe(3);
    expect(await redis.zrange(k("z"), 0, -1)).toEqual(["a", "b", "c"]);
    expect(await redis.zrange(k("z"), 0, -1, { withScores: true })).toEqual(["a", 1, "b", 2.5, "c", 3]);
    expect(await redis.zrange(k("z"), 0, 0, { rev: true })).toEqual(["c"]);
    expect(await redis.zrange(k("z"), 2, 3, { byScore: true })).toEqual(["b", "c"]);
    expect(await redis.zrange(k("z"), "-inf", "+inf", { byScore: true, offset: 1, count: 1 })).toEqual(["b"]);
    expect(await redis.zscore(k("z"), "b")).toBe(2.5);
    expect(await redis.zscore(k("z"), "missing")).toBeNull();
    expect(await redis.zincrby(k("z"), 10, "a")).toBe(11);
    expect(await redis.zrank(k("z"), "a")).toBe(2);
    expect(await redis.zcard(k("z"))).toBe(3);
    expect(await redis.zrem(k("z"), "c")).toBe(1);
    expect(await redis.zrange(k("z"), 0, -1, { withScores: true })).toEqual(["b", 2.5, "a", 11]);
  });
});

describe("expiry", () => {
  it("expires, reports ttl and persists", async () => {
    await redis.set(k("e"), "v");
    expect(await redis.ttl(k("e"))).toBe(-1);
    expect(await redis.expire(k("e"), 100)).toBe(1);
    const ttl = await redis.ttl(k("e"));
    expect(ttl).toBeGreaterThan(90);
    expect(ttl).toBeLessThanOrEqual(100);
    expect(await redis.pexpire(k("e"), 2_000)).toBe(1);
    const pttl = await redis.pttl(k("e"));
    expect(pttl).toBeGreaterThan(1_000);
    expect(pttl).toBeLessThanOrEqual(2_000);
    expect(await redis.persist(k("e"))).toBe(1);
    expect(await redis.ttl(k("e"))).toBe(-1);
    expect(await redis.ttl(k("missing"))).toBe(-2);
    expect(await redis.expire(k("missing"), 10)).toBe(0);
  });

  it("really removes an expired key", async () => {
    await redis.set(k("short"), "v", { px: 50 });
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(await redis.get(k("short"))).toBeNull();
  });
});

describe("errors", () => {
  it("throws Redis' own message for a command Redis rejects", async () => {
    await redis.set(k("text"), "not a number");
    await expect(redis.incr(k("text"))).rejects.toThrow("ERR value is not an integer or out of range");
    await expect(redis.lpush(k("text"), "x")).rejects.toThrow(/^WRONGTYPE Operation against a key holding the wrong kind/);
    // The bridge is still fine afterwards.
    expect(await redis.get(k("text"))).toBe("not a number");
  });

  it("rejects a bad token with 401 through the client", async () => {
    const intruder = new Redis({ url: bridge.url, token: "wrong-token-0123456789", enableTelemetry: false, enableAutoPipelining: false });
    await expect(intruder.get(k("a"))).rejects.toThrow("Unauthorized");
  });
});
