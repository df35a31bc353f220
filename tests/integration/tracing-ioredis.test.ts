// First: the instrumentations must patch ioredis before anything loads it.
import { finishedSpans, spanExporter, tracerProvider } from "../helpers/tracing-fixture";
import { afterAll, describe, expect, it } from "vitest";
import { Redis } from "ioredis";
import { inSpan } from "@/lib/tracing/tracer";
import { IOREDIS_SCOPE } from "@/lib/tracing/scrub-redis-errors";

const redis = new Redis(process.env.REDIS_URL!, { lazyConnect: true, maxRetriesPerRequest: 0 });

afterAll(async () => {
  redis.disconnect();
  await tracerProvider.shutdown();
});

describe("TCP Redis calls (ioredis) in a trace", () => {
  it("are spans named by their command only, and a failure keeps its flag but not Redis' text", async () => {
    await redis.connect();
    spanExporter.reset();
    const secretKey = "tenant:co_secret:api-key-hash";
    await inSpan("probe", {}, async () => {
      await redis.set(secretKey, "a-value-nobody-may-see", "EX", 30);
      await expect(redis.call("EVALSHA", "0".repeat(40), "1", secretKey)).rejects.toThrow(/NOSCRIPT/);
      await expect(redis.incr(secretKey)).rejects.toThrow(/not an integer/);
    });
    // Outside a trace: no span at all (BullMQ's polling must not make root spans).
    await redis.get(secretKey);
    const spans = (await finishedSpans()).filter((s) => s.instrumentationScope.name === IOREDIS_SCOPE);
    expect(spans.map((s) => s.attributes["db.query.text"])).toEqual(["SET", "EVALSHA", "INCR"]);
    const text = JSON.stringify(spans.map((s) => ({ name: s.name, status: s.status, attributes: s.attributes, events: s.events })));
    expect(text).not.toContain("co_secret");
    expect(text).not.toContain("a-value-nobody-may-see");
    expect(text).not.toMatch(/NOSCRIPT|not an integer|stack/i);
    const failed = spans.filter((s) => s.status.code === 2);
    expect(failed).toHaveLength(2);
    for (const span of failed) {
      expect(span.status.message).toBe("redis error");
      expect(span.events).toEqual([]);
    }
    await redis.del(secretKey);
  });
});
