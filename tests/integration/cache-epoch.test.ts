import { describe, expect, it } from "vitest";
import { cached } from "@/lib/cache/cached";
import { cacheEpochFor, withCacheEpoch } from "@/lib/cache/epoch";
import { invalidate } from "@/lib/cache/invalidate";
import { cacheKeys } from "@/lib/cache/keys";
import { companyRecordFromRow, recordKeys } from "@/lib/gateway/records";
import { decide } from "@/lib/gateway/rate-limit/decide";
import { getRedis, redisKey } from "@/lib/redis/client";
import { bridgeStats } from "../helpers/bridge-stats";

/**
 * A cache HIT served from memory with no Redis trip of its own, kept honest by the company's cache
 * epoch that the gateway's decision reads in its one trip (lib/cache/epoch.ts).
 */
let seq = 0;
const unique = (p: string) => `${p}${Date.now().toString(36)}${(seq++).toString(36)}`;

async function companyWithRecord() {
  const cid = unique("co_ep");
  await getRedis().set(
    redisKey(recordKeys.company(cid)),
    JSON.stringify(companyRecordFromRow({ id: cid, tier: "PRO", status: "active", limitOverrides: null })),
  );
  return cid;
}

/** What the gateway's decision says the company's epoch is now (a person's request, one trip). */
async function epochNow(cid: string): Promise<string> {
  const d = await decide({ ip: "7.7.7.1", auth: "user", principal: unique("u"), companyId: cid, group: "dashboard", applyGlobal: false });
  expect(d).toMatchObject({ kind: "ok" });
  return (d as { cacheEpoch: string }).cacheEpoch;
}

describe("the cache epoch", () => {
  it("comes back from the gateway's decision as the company's and the global epoch, and moves with every invalidation of the company", async () => {
    const cid = await companyWithRecord();
    const first = await epochNow(cid);
    expect(first).toMatch(/^.+\|.+$/);
    expect(first).toBe(`${await getRedis().get<string>(cacheKeys.epoch(cid))}|${await getRedis().get<string>(cacheKeys.globalEpoch())}`);
    expect(await epochNow(cid)).toBe(first);
    await invalidate("calls.created", { companyId: cid });
    const second = await epochNow(cid);
    expect(second).not.toBe(first);
    // Another company's invalidation leaves it alone; an all-companies one moves it.
    await invalidate("calls.created", { companyId: await companyWithRecord() });
    expect(await epochNow(cid)).toBe(second);
    await invalidate({ resources: ["analytics"] }, { allCompanies: true });
    expect(await epochNow(cid)).not.toBe(second);
  });

  it("a HIT under the same epoch is served from memory without a Redis trip, for L1 and L2 resources alike", async () => {
    const cid = await companyWithRecord();
    const epoch = await epochNow(cid);
    let loads = 0;
    const read = (resource: "dashboard" | "companySettings") =>
      withCacheEpoch(cid, epoch, () => cached({ resource, companyId: cid, key: "k" }, async () => ({ n: ++loads })));
    for (const resource of ["dashboard", "companySettings"] as const) {
      expect(await read(resource)).toMatchObject({ status: "MISS" });
      const before = (await bridgeStats()).requests;
      expect(await read(resource)).toMatchObject({ status: "HIT", layer: "L1" });
      expect(await read(resource)).toMatchObject({ status: "HIT", layer: "L1" });
      expect((await bridgeStats()).requests - before).toBe(0);
    }
    expect(loads).toBe(2);
  });

  it("after an invalidation the next request's epoch differs: its read goes to Redis and gets the new data", async () => {
    const cid = await companyWithRecord();
    let value = "old";
    const read = (epoch: string) =>
      withCacheEpoch(cid, epoch, () => cached({ resource: "dashboard", companyId: cid, key: "k" }, async () => value));
    const before = await epochNow(cid);
    expect(await read(before)).toMatchObject({ value: "old", status: "MISS" });
    expect(await read(before)).toMatchObject({ value: "old", status: "HIT", layer: "L1" });
    // A write commits, then invalidates (before its response): from then on no request sees "old".
    value = "new";
    await invalidate("calls.created", { companyId: cid });
    const after = await epochNow(cid);
    const trips = (await bridgeStats()).requests;
    expect(await read(after)).toMatchObject({ value: "new", status: "MISS" });
    expect((await bridgeStats()).requests - trips).toBeGreaterThan(0);
    expect(await read(after)).toMatchObject({ value: "new", status: "HIT", layer: "L1" });
  });

  it("applies only to the company the decision was made for, and not at all without one", async () => {
    const cid = await companyWithRecord();
    withCacheEpoch(cid, "e|g", () => {
      expect(cacheEpochFor(cid)).toBe("e|g");
      expect(cacheEpochFor("co_other")).toBeUndefined();
    });
    expect(cacheEpochFor(cid)).toBeUndefined();
    withCacheEpoch(null, "e|g", () => expect(cacheEpochFor(cid)).toBeUndefined());
    withCacheEpoch(cid, "", () => expect(cacheEpochFor(cid)).toBeUndefined());
  });
});
