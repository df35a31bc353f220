import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as GET_CALL } from "@/app/api/v1/calls/[id]/route";
import { GET as LIST_CALLS } from "@/app/api/v1/calls/route";
import { GET as LIST_KEYS } from "@/app/api/v1/api-keys/route";
import { closeDb } from "@/lib/db/client";
import { startBridge, type Bridge } from "@/lib/redis/bridge/server";
import { getRegistryConfig } from "@/lib/registry/registry-config";
import type { RegistryConfig } from "@/lib/registry/types";
import { startRedisProcess, type RedisProcess } from "../helpers/redis-process";
import { seedTenant } from "../helpers/seed-rows";
import { personCaller, routeParams, signedRequest, type TestCaller } from "../helpers/signed-request";

/**
 * "Redis down, bridge up": this file's app code talks to a bridge of its own in front of a
 * redis-server of its own, which the test kills (never the shared one).
 */
let redis: RedisProcess;
let bridge: Bridge;
let caller: TestCaller;

const memo = globalThis as typeof globalThis & { __switchboardRegistryMemo?: { config: RegistryConfig; at: number } };
/** Ages this process's registry memo past its 5 s, so the next request reads Redis again. */
const ageRegistryMemo = () => {
  if (memo.__switchboardRegistryMemo) memo.__switchboardRegistryMemo.at = 0;
};

beforeAll(async () => {
  redis = await startRedisProcess();
  bridge = await startBridge({ port: 0, redisUrl: redis.url(0), token: process.env.UPSTASH_REDIS_REST_TOKEN! });
  // Before anything creates the Redis client (lib/redis/client.ts reads the env once, lazily).
  process.env.UPSTASH_REDIS_REST_URL = bridge.url;
  const t = await seedTenant({ role: "owner" });
  caller = personCaller({ userId: t.user.id, companyId: t.companyId, role: "owner", auth: "token" });
});
afterAll(async () => {
  await bridge?.close();
  await redis?.close();
  await closeDb();
});

/** Status, Retry-After and body of each route that names a service (calls, settings). */
async function serviceRoutes() {
  const calls = await LIST_CALLS(await signedRequest("/api/v1/calls?limit=5", { caller }));
  const call = await GET_CALL(
    await signedRequest("/api/v1/calls/call_01JD8X0000000000000000000A", { caller }),
    routeParams({ id: "call_01JD8X0000000000000000000A" }),
  );
  const keys = await LIST_KEYS(await signedRequest("/api/v1/api-keys", { caller }));
  return Promise.all(
    [calls, call, keys].map(async (res) => ({ status: res.status, retryAfter: res.headers.get("retry-after"), body: await res.text() })),
  );
}

/** What SPEC's failure policy allows when Redis is down: the answer (fail-open), or 503 with Retry-After; never a 500. */
function expectFailurePolicy(answers: Awaited<ReturnType<typeof serviceRoutes>>) {
  for (const a of answers) {
    expect(a.status, a.body).not.toBe(500);
    if (a.status === 503) expect(a.retryAfter, a.body).toMatch(/^\d+$/);
    else expect([200, 404], a.body).toContain(a.status);
  }
}

describe("Redis down, bridge up: routes that name a service", () => {
  it("answer while Redis is up (the registry's config is read and kept)", async () => {
    const answers = await serviceRoutes();
    expect(answers.map((a) => a.status)).toEqual([200, 404, 200]);
    expect(memo.__switchboardRegistryMemo?.config.services.find((s) => s.name === "calls")?.mode).toBe("in_process");
  });

  it("answer from the registry's last known config once Redis is gone, never 500", async () => {
    await redis.stop();
    ageRegistryMemo();
    const before = memo.__switchboardRegistryMemo?.config;
    expectFailurePolicy(await serviceRoutes());
    // The last known config answered, and is kept for another interval (no Redis trip per request).
    expect(memo.__switchboardRegistryMemo?.config).toBe(before);
    expect(Date.now() - memo.__switchboardRegistryMemo!.at).toBeLessThan(5_000);
  });

  it("with no config in memory at all, fall back to MySQL's registry (then in-process), never 500", async () => {
    delete memo.__switchboardRegistryMemo;
    const config = await getRegistryConfig();
    expect(config.services.find((s) => s.name === "calls")).toMatchObject({ mode: "in_process" });
    delete memo.__switchboardRegistryMemo;
    expectFailurePolicy(await serviceRoutes());
  });

  it("read Redis again once it is back", async () => {
    await redis.start();
    ageRegistryMemo();
    const answers = await serviceRoutes();
    expect(answers.map((a) => a.status)).toEqual([200, 404, 200]);
  });
});
