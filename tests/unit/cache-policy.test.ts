import { describe, expect, it } from "vitest";
import { cacheKeyOf } from "@/lib/cache/cache-key-of";
import { clientWantsFresh } from "@/lib/cache/client-wants-fresh";
import { entryLifetime } from "@/lib/cache/entry-lifetime";
import { cacheKeys } from "@/lib/cache/keys";
import { MemoryLru } from "@/lib/cache/memory-lru";
import { CACHE_EVENTS, CACHE_POLICIES, CACHE_RESOURCES, SESSION_TTL_CAP_SEC, type CacheEvent } from "@/lib/cache/policy";
import { resourcesInvalidatedBy } from "@/lib/cache/resources-invalidated-by";
import { versionKeysFor } from "@/lib/cache/version-keys-for";
import { VERSION_TTL_MS } from "@/lib/cache/version-ttl-ms";

describe("cache policy table", () => {
  it("holds SPEC's levels and TTLs", () => {
    const table = Object.fromEntries(CACHE_RESOURCES.map((r) => [r, [CACHE_POLICIES[r].level, CACHE_POLICIES[r].ttlSec]]));
    expect(table).toEqual({
      dashboard: ["L1", 60],
      calls: ["L1", 30],
      session: ["L1", "session"],
      settings: ["L1", 300],
      customers: ["L2", 600],
      appointments: ["L2", 300],
      calendar: ["L2", 300],
      timeline: ["L2", 600],
      analytics: ["L2", 900],
      companySettings: ["L2", 1800],
    });
  });

  it("names only existing resources as dependencies", () => {
    for (const r of CACHE_RESOURCES) {
      for (const d of CACHE_POLICIES[r].dependsOn) expect(CACHE_RESOURCES).toContain(d);
    }
  });

  it("maps each event to SPEC's resources through the cascade", () => {
    const expected: Record<CacheEvent, string[]> = {
      "calls.created": ["analytics", "calls", "dashboard", "timeline"],
      "appointments.updated": ["analytics", "appointments", "calendar", "calls", "dashboard", "timeline"],
      "customers.updated": ["analytics", "appointments", "calendar", "calls", "customers", "dashboard", "timeline"],
      "settings.changed": ["analytics", "calendar", "calls", "companySettings", "dashboard", "session", "settings", "timeline"],
    };
    for (const event of Object.keys(CACHE_EVENTS) as CacheEvent[]) {
      expect(resourcesInvalidatedBy(CACHE_EVENTS[event]).sort()).toEqual(expected[event]);
    }
  });

  it("keeps version keys longer than any entry can live", () => {
    for (const r of CACHE_RESOURCES) {
      const p = CACHE_POLICIES[r];
      const lifetime = ((p.ttlSec === "session" ? SESSION_TTL_CAP_SEC : p.ttlSec) + p.swrSec) * 1000;
      expect(VERSION_TTL_MS).toBeGreaterThan(lifetime);
    }
  });

  it("caps a session-lived entry and asks for the session's end", () => {
    const now = 1_000_000;
    expect(entryLifetime("session", now, now + 5_000)).toEqual({ ttlMs: 5_000, swrMs: 0 });
    expect(entryLifetime("session", now, now + 10 * SESSION_TTL_CAP_SEC * 1000).ttlMs).toBe(SESSION_TTL_CAP_SEC * 1000);
    expect(() => entryLifetime("session", now)).toThrow(/sessionExpiresAt/);
    expect(entryLifetime("analytics", now)).toEqual({ ttlMs: 900_000, swrMs: 300_000 });
  });
});

describe("cache keys", () => {
  it("put company and user in fixed positions of every key", () => {
    expect(cacheKeys.entry("settings", "co_1", "usr_1", "a:b")).toBe("sbt:cache:e:settings:co_1:usr_1:a:b");
    expect(cacheKeys.entry("customers", "co_1", undefined, "list")).toBe("sbt:cache:e:customers:co_1:_:list");
    expect(versionKeysFor("settings", "co_1", "usr_1", ["b", "a", "b"])).toEqual([
      "sbt:cache:v:g:settings",
      "sbt:cache:v:c:co_1:settings",
      "sbt:cache:v:u:co_1:usr_1:settings",
      "sbt:cache:v:t:co_1:a",
      "sbt:cache:v:t:co_1:b",
    ]);
  });

  it("name filter objects stably, whatever the key order, and differently for different filters", async () => {
    const a = await cacheKeyOf({ status: "ended", page: 2, range: { from: 1, to: 2 }, skip: undefined });
    const b = await cacheKeyOf({ range: { to: 2, from: 1 }, page: 2, status: "ended" });
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(await cacheKeyOf({ status: "ended", page: 3, range: { from: 1, to: 2 } })).not.toBe(a);
    expect(await cacheKeyOf(["a", "b"])).not.toBe(await cacheKeyOf(["b", "a"]));
  });
});

describe("client cache directives", () => {
  it("bypasses on no-cache, no-store and Pragma: no-cache only", () => {
    expect(clientWantsFresh(new Headers({ "cache-control": "no-cache" }))).toBe(true);
    expect(clientWantsFresh(new Headers({ "cache-control": "private, No-Store" }))).toBe(true);
    expect(clientWantsFresh(new Headers({ pragma: "no-cache" }))).toBe(true);
    expect(clientWantsFresh(new Headers({ "cache-control": "max-age=0" }))).toBe(false);
    expect(clientWantsFresh(new Headers())).toBe(false);
  });
});

describe("L1 memory", () => {
  it("evicts the least recently used entry and refuses oversized bodies", () => {
    const lru = new MemoryLru(2, 10);
    lru.set("a", { vv: "1", freshUntil: 100, body: "1" });
    lru.set("b", { vv: "1", freshUntil: 100, body: "2" });
    expect(lru.get("a", 0)?.body).toBe("1"); // a is now the most recent
    lru.set("c", { vv: "1", freshUntil: 100, body: "3" });
    expect(lru.get("b", 0)).toBeUndefined();
    expect(lru.get("a", 0)?.body).toBe("1");
    lru.set("big", { vv: "1", freshUntil: 100, body: "x".repeat(11) });
    expect(lru.get("big", 0)).toBeUndefined();
  });

  it("drops a copy at the end of its TTL", () => {
    const lru = new MemoryLru();
    lru.set("a", { vv: "1", freshUntil: 100, body: "1" });
    expect(lru.get("a", 99)).toBeDefined();
    expect(lru.get("a", 100)).toBeUndefined();
    expect(lru.size).toBe(0);
  });
});
