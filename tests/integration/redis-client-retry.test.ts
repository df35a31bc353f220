import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

/**
 * The app's Redis client against an endpoint nobody listens on (what a killed bridge or an unreachable
 * Upstash looks like to fetch): one retry, not the client's default five with seconds of backoff, so a
 * route's failure policy applies at once (`npm run test:faults` saw a person's read take 10 s).
 */
beforeAll(async () => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  // Before the client is first built (it reads the URL once): a port that was free a moment ago.
  process.env.UPSTASH_REDIS_REST_URL = `http://127.0.0.1:${port}`;
});

afterAll(() => {
  vi.restoreAllMocks();
});

describe("getRedis() when nothing answers", () => {
  it("sends a refused request twice in all, then throws for the caller's failure policy", async () => {
    const { getRedis, REDIS_RETRY } = await import("@/lib/redis/client");
    const fetchSpy = vi.spyOn(globalThis, "fetch");
    await expect(getRedis().get("sbt:retry-probe")).rejects.toThrow("fetch failed");
    expect(REDIS_RETRY.retries).toBe(1);
    expect(fetchSpy).toHaveBeenCalledTimes(1 + REDIS_RETRY.retries);
  });
});
