import { beforeAll, describe, expect, it } from "vitest";
import { cached } from "@/lib/cache/cached";
import { clientWantsFresh } from "@/lib/cache/client-wants-fresh";
import { invalidate } from "@/lib/cache/invalidate";
import { memoryCache } from "@/lib/cache/memory-lru";
import { withCacheHeader } from "@/lib/cache/with-cache-header";
import { bridgeStats } from "../helpers/bridge-stats";

// A fixed instant; every test moves its own clock from here instead of sleeping.
const NOW = Date.UTC(2026, 10, 21, 10, 30, 0);
let seq = 0;
const unique = (p: string) => `${p}_${Date.now().toString(36)}${(seq++).toString(36)}`;

/** A stand-in for MySQL: a row per name, and how often each loader ran. */
function fakeDb<T>(initial: T) {
  const db = { row: initial, loads: 0 };
  const load = async () => {
    db.loads++;
    return db.row;
  };
  return { db, load };
}

async function trips<T>(fn: () => Promise<T>): Promise<{ result: T; trips: number }> {
  const before = (await bridgeStats()).requests;
  const result = await fn();
  return { result, trips: (await bridgeStats()).requests - before };
}

beforeAll(async () => {
  // Load the scripts into Redis first: the first use of each costs an extra NOSCRIPT → EVAL trip
  // once per Redis server, which the trip counts below are not about.
  const warm = unique("co");
  await cached({ resource: "customers", companyId: warm, key: "warm", now: NOW }, async () => 1);
  await invalidate("customers.updated", { companyId: warm });
});

describe("read path", () => {
  it("MISS then HIT, values through JSON, one Redis trip per hit (L1 and L2)", async () => {
    const companyId = unique("co");
    const { db, load } = fakeDb({ calls: [{ id: "call_1", at: new Date(NOW) }] });

    const miss = await trips(() => cached({ resource: "calls", companyId, key: "list", now: NOW }, load));
    expect(miss.result.status).toBe("MISS");
    // A MISS returns what a HIT will: the Date already came back as its JSON string.
    expect(miss.result.value).toEqual({ calls: [{ id: "call_1", at: new Date(NOW).toISOString() }] });
    expect(miss.trips).toBe(2);

    const l1 = await trips(() => cached({ resource: "calls", companyId, key: "list", now: NOW + 1000 }, load));
    expect(l1.result).toMatchObject({ status: "HIT", layer: "L1", value: miss.result.value });
    expect(l1.trips).toBe(1);

    memoryCache.clear();
    const l2 = await trips(() => cached({ resource: "calls", companyId, key: "list", now: NOW + 2000 }, load));
    expect(l2.result).toMatchObject({ status: "HIT", layer: "L2", value: miss.result.value });
    expect(l2.trips).toBe(1);

    const customers = fakeDb(["cus_1"]);
    await cached({ resource: "customers", companyId, key: "list", now: NOW }, customers.load);
    const hit = await trips(() => cached({ resource: "customers", companyId, key: "list", now: NOW + 1 }, customers.load));
    expect(hit.result).toMatchObject({ status: "HIT", layer: "L2", value: ["cus_1"] });
    expect(hit.trips).toBe(1);
    expect(db.loads).toBe(1);
    expect(customers.db.loads).toBe(1);
  });

  it("a fresh entry expires at its TTL (calls: 30 s, no stale window)", async () => {
    const companyId = unique("co");
    const { db, load } = fakeDb("v1");
    await cached({ resource: "calls", companyId, key: "k", now: NOW }, load);
    expect((await cached({ resource: "calls", companyId, key: "k", now: NOW + 29_999 }, load)).status).toBe("HIT");
    db.row = "v2";
    const after = await cached({ resource: "calls", companyId, key: "k", now: NOW + 30_000 }, load);
    expect(after).toMatchObject({ status: "MISS", value: "v2" });
    expect(db.loads).toBe(2);
  });

  it("serves STALE inside the SWR window and refreshes once in the background", async () => {
    const companyId = unique("co");
    const { db, load } = fakeDb({ total: 1 });
    await cached({ resource: "analytics", companyId, key: "summary", now: NOW }, load);
    db.row = { total: 2 };

    // analytics: TTL 900 s, SWR 300 s. Ten concurrent readers after the TTL: all STALE, one refresh.
    const t = NOW + 900_000;
    const stale = await Promise.all(
      Array.from({ length: 10 }, () => cached({ resource: "analytics", companyId, key: "summary", now: t }, load)),
    );
    expect(stale.map((r) => r.status)).toEqual(Array(10).fill("STALE"));
    expect(stale.every((r) => (r.value as { total: number }).total === 1)).toBe(true);
    const refreshers = stale.filter((r) => r.revalidation);
    expect(refreshers).toHaveLength(1);
    await refreshers[0]!.revalidation;
    expect(db.loads).toBe(2);

    const fresh = await cached({ resource: "analytics", companyId, key: "summary", now: t + 1 }, load);
    expect(fresh).toMatchObject({ status: "HIT", value: { total: 2 } });
  });

  it("after the SWR window a stale entry is a MISS; resources without SWR never serve STALE", async () => {
    const companyId = unique("co");
    const { load } = fakeDb(1);
    await cached({ resource: "analytics", companyId, key: "k", now: NOW }, load);
    expect((await cached({ resource: "analytics", companyId, key: "k", now: NOW + 1_200_000 }, load)).status).toBe("MISS");

    await cached({ resource: "appointments", companyId, key: "k", now: NOW }, load);
    expect((await cached({ resource: "appointments", companyId, key: "k", now: NOW + 300_000 }, load)).status).toBe("MISS");
  });

  it("BYPASS on request (Cache-Control: no-cache) without touching Redis or the entry", async () => {
    const companyId = unique("co");
    const { db, load } = fakeDb("v1");
    await cached({ resource: "customers", companyId, key: "k", now: NOW }, load);
    db.row = "v2";
    const headers = new Headers({ "cache-control": "max-age=0, no-cache" });
    expect(clientWantsFresh(headers)).toBe(true);
    expect(clientWantsFresh(new Headers({ "cache-control": "max-age=60" }))).toBe(false);
    const bypass = await trips(() =>
      cached({ resource: "customers", companyId, key: "k", now: NOW + 1, bypass: clientWantsFresh(headers) }, load),
    );
    expect(bypass.result).toMatchObject({ status: "BYPASS", value: "v2" });
    expect(bypass.trips).toBe(0);
    // the cached entry is still the one it was
    expect(await cached({ resource: "customers", companyId, key: "k", now: NOW + 2 }, load)).toMatchObject({ status: "HIT", value: "v1" });
  });

  it("puts X-Cache on a response, also one with immutable headers", async () => {
    for (const status of ["HIT", "MISS", "STALE", "BYPASS"] as const) {
      expect(withCacheHeader(Response.json({ ok: true }), status).headers.get("x-cache")).toBe(status);
    }
    const immutable = Response.redirect("https://example.test/", 302);
    expect(withCacheHeader(immutable, "HIT").headers.get("x-cache")).toBe("HIT");
  });

  it("a session-lived entry lasts until the session ends", async () => {
    const companyId = unique("co");
    const userId = unique("usr");
    const { load } = fakeDb({ role: "owner" });
    const sessionExpiresAt = NOW + 3_600_000;
    await cached({ resource: "session", companyId, userId, key: "shell", now: NOW, sessionExpiresAt }, load);
    expect(
      (await cached({ resource: "session", companyId, userId, key: "shell", now: sessionExpiresAt - 1, sessionExpiresAt }, load)).status,
    ).toBe("HIT");
    expect(
      (await cached({ resource: "session", companyId, userId, key: "shell", now: sessionExpiresAt, sessionExpiresAt }, load)).status,
    ).toBe("BYPASS");
    await expect(
      // @ts-expect-error a session-lived resource needs sessionExpiresAt
      cached({ resource: "session", companyId, userId, key: "shell", now: NOW }, load),
    ).rejects.toThrow(/sessionExpiresAt/);
  });
});

describe("tenancy", () => {
  it("one tenant is never served another's entry for the same key", async () => {
    const a = unique("co");
    const b = unique("co");
    const dbA = fakeDb("rows of A");
    const dbB = fakeDb("rows of B");
    expect((await cached({ resource: "customers", companyId: a, key: "list", now: NOW }, dbA.load)).value).toBe("rows of A");
    const other = await cached({ resource: "customers", companyId: b, key: "list", now: NOW }, dbB.load);
    expect(other).toMatchObject({ status: "MISS", value: "rows of B" });
    expect(await cached({ resource: "customers", companyId: a, key: "list", now: NOW + 1 }, dbA.load)).toMatchObject({
      status: "HIT",
      value: "rows of A",
    });
    expect(await cached({ resource: "customers", companyId: b, key: "list", now: NOW + 1 }, dbB.load)).toMatchObject({
      status: "HIT",
      value: "rows of B",
    });
  });

  it("refuses ids that could shift a key's fields into another tenant's", async () => {
    const { load } = fakeDb(1);
    await expect(cached({ resource: "customers", companyId: "co_a:_:list", key: "x", now: NOW }, load)).rejects.toThrow(TypeError);
    await expect(cached({ resource: "customers", companyId: "", key: "x", now: NOW }, load)).rejects.toThrow(TypeError);
    await expect(invalidate("customers.updated", { companyId: "co:x" })).rejects.toThrow(TypeError);
  });

  it("personal entries are per user; the types demand a user for them and refuse one elsewhere", async () => {
    const companyId = unique("co");
    const [u1, u2] = [unique("usr"), unique("usr")];
    const one = fakeDb({ theme: "dark" });
    const two = fakeDb({ theme: "light" });
    expect((await cached({ resource: "settings", companyId, userId: u1, key: "prefs", now: NOW }, one.load)).value).toEqual({
      theme: "dark",
    });
    expect((await cached({ resource: "settings", companyId, userId: u2, key: "prefs", now: NOW }, two.load)).value).toEqual({
      theme: "light",
    });
    expect(await cached({ resource: "settings", companyId, userId: u1, key: "prefs", now: NOW + 1 }, one.load)).toMatchObject({
      status: "HIT",
      value: { theme: "dark" },
    });

    // @ts-expect-error settings are personal: userId is required
    await expect(cached({ resource: "settings", companyId, key: "prefs", now: NOW }, one.load)).rejects.toThrow(TypeError);
    // @ts-expect-error customers are company data: a userId would split entries per person
    await expect(cached({ resource: "customers", companyId, userId: u1, key: "list", now: NOW }, one.load)).rejects.toThrow(TypeError);
  });
});

describe("invalidation by events", () => {
  it("calls.created invalidates calls, dashboard and analytics of that company only (L1 copies included)", async () => {
    const companyId = unique("co");
    const otherCompany = unique("co");
    const resources = ["calls", "dashboard", "analytics", "customers"] as const;
    const dbs = Object.fromEntries(resources.map((r) => [r, fakeDb(`${r} v1`)])) as Record<
      (typeof resources)[number],
      ReturnType<typeof fakeDb<string>>
    >;
    for (const r of resources) {
      await cached({ resource: r, companyId, key: "k", now: NOW }, dbs[r].load);
      await cached({ resource: r, companyId: otherCompany, key: "k", now: NOW }, dbs[r].load);
    }
    // L1 copies exist for calls and dashboard
    expect((await cached({ resource: "calls", companyId, key: "k", now: NOW + 1 }, dbs.calls.load)).layer).toBe("L1");

    for (const r of resources) dbs[r].db.row = `${r} v2`;
    const { resources: hit } = await trips(() => invalidate("calls.created", { companyId })).then((r) => {
      expect(r.trips).toBe(1);
      return r.result;
    });
    // …and the customer timelines, which list calls.
    expect(hit.sort()).toEqual(["analytics", "calls", "dashboard", "timeline"]);

    for (const r of ["calls", "dashboard", "analytics"] as const) {
      expect(await cached({ resource: r, companyId, key: "k", now: NOW + 2 }, dbs[r].load)).toMatchObject({
        status: "MISS",
        value: `${r} v2`,
      });
      expect(await cached({ resource: r, companyId: otherCompany, key: "k", now: NOW + 2 }, dbs[r].load)).toMatchObject({
        status: "HIT",
        value: `${r} v1`,
      });
    }
    expect(await cached({ resource: "customers", companyId, key: "k", now: NOW + 2 }, dbs.customers.load)).toMatchObject({
      status: "HIT",
      value: "customers v1",
    });
  });

  it("a stale entry is never served after an invalidation, even inside its SWR window", async () => {
    const companyId = unique("co");
    const { db, load } = fakeDb("before");
    await cached({ resource: "analytics", companyId, key: "k", now: NOW }, load);
    db.row = "after";
    await invalidate("appointments.updated", { companyId });
    expect(await cached({ resource: "analytics", companyId, key: "k", now: NOW + 950_000 }, load)).toMatchObject({
      status: "MISS",
      value: "after",
    });
  });

  it("cascades through the dependency table (appointments → calendar, analytics, dashboard, calls, timeline; not customers)", async () => {
    const companyId = unique("co");
    const { load } = fakeDb(1);
    for (const r of ["appointments", "calendar", "analytics", "dashboard", "customers"] as const)
      await cached({ resource: r, companyId, key: "k", now: NOW }, load);
    const { resources } = await invalidate({ resources: ["appointments"] }, { companyId });
    expect(resources.sort()).toEqual(["analytics", "appointments", "calendar", "calls", "dashboard", "timeline"]);
    for (const r of ["appointments", "calendar", "analytics", "dashboard"] as const) {
      expect((await cached({ resource: r, companyId, key: "k", now: NOW + 1 }, load)).status).toBe("MISS");
    }
    expect((await cached({ resource: "customers", companyId, key: "k", now: NOW + 1 }, load)).status).toBe("HIT");
  });

  it("user-specific: one person's settings, leaving colleagues' cached; company-wide: everyone's", async () => {
    const companyId = unique("co");
    const [u1, u2] = [unique("usr"), unique("usr")];
    const { load } = fakeDb({ theme: "dark" });
    for (const userId of [u1, u2]) await cached({ resource: "settings", companyId, userId, key: "prefs", now: NOW }, load);

    const { resources } = await invalidate("settings.changed", { companyId, userId: u1 });
    expect(resources.sort()).toEqual(["analytics", "calendar", "calls", "companySettings", "dashboard", "session", "settings", "timeline"]);
    expect((await cached({ resource: "settings", companyId, userId: u1, key: "prefs", now: NOW + 1 }, load)).status).toBe("MISS");
    expect((await cached({ resource: "settings", companyId, userId: u2, key: "prefs", now: NOW + 1 }, load)).status).toBe("HIT");

    await invalidate("settings.changed", { companyId });
    for (const userId of [u1, u2]) {
      expect((await cached({ resource: "settings", companyId, userId, key: "prefs", now: NOW + 2 }, load)).status).toBe("MISS");
    }
  });

  it("wildcard: one resource in every company, or every resource of one company", async () => {
    const [a, b] = [unique("co"), unique("co")];
    const { load } = fakeDb(1);
    for (const companyId of [a, b]) {
      for (const r of ["analytics", "customers"] as const) await cached({ resource: r, companyId, key: "k", now: NOW }, load);
    }
    await invalidate({ resources: ["analytics"] }, { allCompanies: true });
    for (const companyId of [a, b]) {
      expect((await cached({ resource: "analytics", companyId, key: "k", now: NOW + 1 }, load)).status).toBe("MISS");
      expect((await cached({ resource: "customers", companyId, key: "k", now: NOW + 1 }, load)).status).toBe("HIT");
    }

    await invalidate({ resources: "*" }, { companyId: a });
    expect((await cached({ resource: "customers", companyId: a, key: "k", now: NOW + 2 }, load)).status).toBe("MISS");
    expect((await cached({ resource: "analytics", companyId: a, key: "k", now: NOW + 2 }, load)).status).toBe("MISS");
    expect((await cached({ resource: "customers", companyId: b, key: "k", now: NOW + 2 }, load)).status).toBe("HIT");
  });

  it("custom tags invalidate just the entries that carry them", async () => {
    const companyId = unique("co");
    const { load } = fakeDb(1);
    await cached({ resource: "customers", companyId, key: "detail:cus_1", tags: ["customer:cus_1"], now: NOW }, load);
    await cached({ resource: "customers", companyId, key: "detail:cus_2", tags: ["customer:cus_2"], now: NOW }, load);
    await invalidate({ tags: ["customer:cus_1"] }, { companyId });
    expect(
      (await cached({ resource: "customers", companyId, key: "detail:cus_1", tags: ["customer:cus_1"], now: NOW + 1 }, load)).status,
    ).toBe("MISS");
    expect(
      (await cached({ resource: "customers", companyId, key: "detail:cus_2", tags: ["customer:cus_2"], now: NOW + 1 }, load)).status,
    ).toBe("HIT");
    await expect(invalidate({ tags: ["customer:cus_1"] }, { allCompanies: true })).rejects.toThrow(TypeError);
  });

  it("a value loaded before an invalidation is not stored (the load raced a committed write)", async () => {
    const companyId = unique("co");
    const db = { row: "old", loads: 0 };
    let release: () => void = () => {};
    let loading: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const started = new Promise<void>((r) => (loading = r));
    const slowLoad = async () => {
      db.loads++;
      const row = db.row; // read before the write commits…
      loading();
      await gate; // …and finish after it
      return row;
    };
    const pending = cached({ resource: "customers", companyId, key: "k", now: NOW }, slowLoad);
    await started;
    db.row = "new";
    await invalidate("customers.updated", { companyId });
    release();
    expect(await pending).toMatchObject({ status: "MISS", value: "old" });
    const next = await cached({ resource: "customers", companyId, key: "k", now: NOW + 1 }, slowLoad);
    expect(next).toMatchObject({ status: "MISS", value: "new" });
    expect(db.loads).toBe(2);
  });
});

describe("single-flight", () => {
  it("100 concurrent misses on one key run the loader once", async () => {
    const companyId = unique("co");
    const db = { loads: 0 };
    const load = async () => {
      db.loads++;
      await new Promise((r) => setTimeout(r, 100));
      return { rows: 3 };
    };
    const results = await Promise.all(
      Array.from({ length: 100 }, () => cached({ resource: "customers", companyId, key: "list", now: NOW }, load)),
    );
    expect(db.loads).toBe(1);
    expect(results.filter((r) => r.status === "MISS")).toHaveLength(1);
    expect(results.filter((r) => r.status === "HIT")).toHaveLength(99);
    expect(results.every((r) => (r.value as { rows: number }).rows === 3)).toBe(true);
  });

  it("a failed load frees the lock at once: a waiting caller loads instead", async () => {
    const companyId = unique("co");
    let loads = 0;
    const load = async () => {
      loads++;
      await new Promise((r) => setTimeout(r, 50));
      if (loads === 1) throw new Error("database hiccup");
      return "ok";
    };
    const started = Date.now();
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => cached({ resource: "customers", companyId, key: "k", now: NOW, waitMs: 4000 }, load)),
    );
    expect(results.filter((r) => r.status === "rejected")).toHaveLength(1);
    expect(loads).toBe(2);
    expect(results.filter((r) => r.status === "fulfilled").map((r) => r.value.value)).toEqual(["ok", "ok", "ok", "ok"]);
    // nobody waited for the lock to expire (10 s) or for the wait deadline (4 s)
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
