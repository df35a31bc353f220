import type { Redis } from "@upstash/redis";
import { beforeAll, describe, expect, it } from "vitest";
import type { Bridge } from "@/lib/redis/bridge/server";
import { setupBridge } from "../helpers/bridge-fixture";

/** `/pipeline` and `/multi-exec` through @upstash/redis: explicit pipelines, auto-pipelining, MULTI. */

const fx = setupBridge("bridge-pipeline");
const { k } = fx;
let bridge: Bridge;
let redis: Redis;
let auto: Redis;

beforeAll(() => {
  ({ bridge, redis } = fx);
  // The client's default since 1.35: commands issued in the same tick share one /pipeline request.
  auto = fx.client({ enableAutoPipelining: true });
});

describe("pipeline", () => {
  it("runs every command in order in one request and returns each result", async () => {
    const before = bridge.stats();
    const results = await redis
      .pipeline()
      .set(k("a"), "T0s=")
      .get(k("a"))
      .incr(k("n"))
      .incr(k("n"))
      .hset(k("h"), { f: "OK" })
      .hgetall(k("h"))
      .get(k("missing"))
      .zadd(k("z"), { score: 1.5, member: "m" })
      .zrange(k("z"), 0, -1, { withScores: true })
      .exec();
    expect(results).toEqual(["OK", "T0s=", 1, 2, 1, { f: "OK" }, null, 1, ["m", 1.5]]);
    const after = bridge.stats();
    expect(after.requests - before.requests).toBe(1);
    expect(after.commands - before.commands).toBe(9);
  });

  it("reports a failing command in place and still runs the rest", async () => {
    const results = await redis.pipeline().set(k("s"), "text").incr(k("s")).set(k("after"), "ran").exec({ keepErrors: true });
    expect(results[0]).toEqual({ error: undefined, result: "OK" });
    expect(results[1]?.error).toBe("ERR value is not an integer or out of range");
    expect(results[2]).toEqual({ error: undefined, result: "OK" });
    expect(await redis.get(k("after"))).toBe("ran");
  });

  it("throws on the failing command without keepErrors", async () => {
    const pipeline = redis.pipeline().set(k("s"), "text").incr(k("s"));
    await expect(pipeline.exec()).rejects.toThrow("Command 2 [ incr ] failed: ERR value is not an integer or out of range");
  });
});

describe("auto-pipelining", () => {
  it("batches concurrent commands into one request per kind", async () => {
    const before = bridge.stats();
    const writes = await Promise.all(Array.from({ length: 50 }, (_, i) => auto.set(k(`p${i}`), `value-${i}`)));
    expect(writes).toEqual(Array(50).fill("OK"));
    const mid = bridge.stats();
    expect(mid.requests - before.requests).toBe(1);
    expect(mid.commands - before.commands).toBe(50);

    const reads = await Promise.all(Array.from({ length: 50 }, (_, i) => auto.get(k(`p${i}`))));
    expect(reads).toEqual(Array.from({ length: 50 }, (_, i) => `value-${i}`));
    expect(bridge.stats().requests - mid.requests).toBe(1);
  });

  it("rejects only the command that failed", async () => {
    await auto.set(k("s"), "text");
    const [ok, failed, missing] = await Promise.allSettled([auto.incr(k("n")), auto.incr(k("s")), auto.get(k("nope"))]);
    expect(ok).toEqual({ status: "fulfilled", value: 1 });
    expect(failed.status).toBe("rejected");
    expect(String((failed as PromiseRejectedResult).reason)).toContain("ERR value is not an integer or out of range");
    expect(missing).toEqual({ status: "fulfilled", value: null });
  });

  it("keeps binary-looking values intact inside batches", async () => {
    const values = ["OK", "T0s=", "aGVsbG8=", "😀", ""];
    await Promise.all(values.map((v, i) => auto.set(k(`b${i}`), v)));
    expect(await Promise.all(values.map((_, i) => auto.get(k(`b${i}`))))).toEqual(values);
  });
});

describe("multi-exec", () => {
  it("runs the commands as one transaction", async () => {
    const results = await redis.multi().set(k("m"), 1).incr(k("m")).get(k("m")).lpush(k("l"), "x").exec();
    expect(results).toEqual(["OK", 2, 2, 1]);
  });

  it("is all or nothing when Redis refuses a command while queueing", async () => {
    // HSET with no field/value pairs has the wrong arity: Redis refuses it at queue time and
    // discards the whole transaction, so the SET before it must not run either.
    await expect(redis.multi().set(k("a"), "1").hset(k("h"), {}).exec()).rejects.toThrow(/EXECABORT/);
    expect(await redis.exists(k("a"))).toBe(0);

    // The same commands as a plain pipeline: the SET runs, only HSET fails.
    const results = await redis.pipeline().set(k("a"), "1").hset(k("h"), {}).exec({ keepErrors: true });
    expect(results[0]?.result).toBe("OK");
    expect(results[1]?.error).toMatch(/wrong number of arguments/);
  });

  it("reports a command that fails while executing", async () => {
    await redis.set(k("s"), "text");
    await expect(redis.multi().incr(k("s")).set(k("t"), "v").exec()).rejects.toThrow(
      "Command 1 [ incr ] failed: ERR value is not an integer or out of range",
    );
    // As in Redis, the other commands of the transaction still ran.
    expect(await redis.get(k("t"))).toBe("v");
  });
});
