import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cached } from "@/lib/cache/cached";
import { invalidate } from "@/lib/cache/invalidate";
import { getRedis } from "@/lib/redis/client";
import { startInstance, type Instance } from "../helpers/cache-child-process";

/**
 * Two app instances sharing one Redis: this test process and a child process (its own L1 and its
 * own client). Their loaders read a shared "database" row kept in Redis (see cache-instance.ts).
 */
const NOW = Date.UTC(2026, 10, 21, 10, 30, 0);
let seq = 0;
const unique = (p: string) => `${p}_${Date.now().toString(36)}${(seq++).toString(36)}`;

let other: Instance;
let third: Instance;

beforeAll(async () => {
  [other, third] = await Promise.all([startInstance("tests/helpers/cache-instance.ts"), startInstance("tests/helpers/cache-instance.ts")]);
});

afterAll(async () => {
  await Promise.all([other?.close(), third?.close()]);
});

interface Read {
  status: string;
  layer: string | null;
  value: { row: string; by: number };
}

describe("two instances", () => {
  it("a write + invalidate on one instance stops the other serving the old value, from its L1 too", async () => {
    const companyId = unique("co");
    const db = `sbt:test:db:${companyId}`;
    const redis = getRedis();
    await redis.set(db, "v1");
    const args = { resource: "dashboard", companyId, key: "home", db };

    expect(await other.call<Read>("read", { ...args, now: NOW })).toMatchObject({ status: "MISS", value: { row: "v1" } });
    // the other instance now answers from its own memory
    expect(await other.call<Read>("read", { ...args, now: NOW + 1 })).toMatchObject({ status: "HIT", layer: "L1", value: { row: "v1" } });

    // this instance commits a write (a new call) and emits its event
    await redis.set(db, "v2");
    await invalidate("calls.created", { companyId });

    const after = await other.call<Read>("read", { ...args, now: NOW + 2 });
    expect(after).toMatchObject({ status: "MISS", value: { row: "v2" } });
    expect(Number(await redis.get(`${db}:loads`))).toBe(2);

    // and the other way round: the child invalidates, this instance stops serving its copy
    const load = async () => ({ row: String(await redis.get(db)) });
    expect((await cached({ resource: "dashboard", companyId, key: "home", now: NOW + 3 }, load)).status).toBe("HIT");
    await redis.set(db, "v3");
    await other.call("invalidate", { target: "customers.updated", scope: { companyId } });
    expect(await cached({ resource: "dashboard", companyId, key: "home", now: NOW + 4 }, load)).toMatchObject({
      status: "MISS",
      value: { row: "v3" },
    });
  });

  it("100 concurrent misses on one key across two processes run the loader once", async () => {
    const companyId = unique("co");
    const db = `sbt:test:db:${companyId}`;
    await getRedis().set(db, "rows");
    const args = { resource: "customers", companyId, key: "list", db, now: NOW, count: 50, delayMs: 300 };
    const [a, b] = await Promise.all([other.call<Read[]>("burst", args), third.call<Read[]>("burst", args)]);
    const all = [...a, ...b];
    expect(all).toHaveLength(100);
    expect(Number(await getRedis().get(`${db}:loads`))).toBe(1);
    expect(all.filter((r) => r.status === "MISS")).toHaveLength(1);
    expect(all.filter((r) => r.status === "HIT")).toHaveLength(99);
    // every caller got the one loaded value, whichever process loaded it
    expect(new Set(all.map((r) => `${r.value.row}@${r.value.by}`)).size).toBe(1);
  });

  it("user-scoped invalidation on one instance reaches that user's entries on the other only", async () => {
    const companyId = unique("co");
    const db = `sbt:test:db:${companyId}`;
    await getRedis().set(db, "prefs");
    const [u1, u2] = [unique("usr"), unique("usr")];
    for (const userId of [u1, u2]) await other.call("read", { resource: "settings", companyId, userId, key: "prefs", db, now: NOW });
    await invalidate("settings.changed", { companyId, userId: u1 });
    expect((await other.call<Read>("read", { resource: "settings", companyId, userId: u1, key: "prefs", db, now: NOW + 1 })).status).toBe(
      "MISS",
    );
    expect(await other.call<Read>("read", { resource: "settings", companyId, userId: u2, key: "prefs", db, now: NOW + 1 })).toMatchObject({
      status: "HIT",
      layer: "L1",
    });
  });
});
