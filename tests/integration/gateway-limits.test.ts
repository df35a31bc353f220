import { spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LimitOverrides, Tier } from "@/lib/db/schema/companies";
import { companyRecordFromRow, NEGATIVE, recordKeys, type ApiKeyRecord } from "@/lib/gateway/records";
import { decide, type DecisionInput } from "@/lib/gateway/rate-limit/decide";
import { getRedis, redisKey } from "@/lib/redis/client";
import { bridgeStats } from "../helpers/bridge-stats";
import { waitFor } from "../helpers/jobs-wait";
import { startSlowHttpProxy } from "../helpers/slow-http-proxy";

// A fixed instant in the middle of an hour, so no test straddles a window edge.
const NOW = Date.UTC(2026, 10, 21, 10, 30, 0);
let seq = 0;
const unique = (p: string) => `${p}_${Date.now().toString(36)}${(seq++).toString(36)}`;

async function company(tier: Tier, overrides: LimitOverrides | null = null, status: "active" | "suspended" = "active") {
  const id = unique("co");
  await getRedis().set(
    redisKey(recordKeys.company(id)),
    JSON.stringify(companyRecordFromRow({ id, tier, status, limitOverrides: overrides })),
  );
  return id;
}

async function apiKey(companyId: string, over: Partial<ApiKeyRecord> = {}) {
  const hash = unique("hash");
  const record: ApiKeyRecord = {
    id: unique("key"),
    companyId,
    scopes: ["calls:read"],
    environment: "live",
    expiresAt: null,
    revokedAt: null,
    graceExpiresAt: null,
    ver: 1,
    ...over,
  };
  await getRedis().set(redisKey(recordKeys.apiKey(hash)), JSON.stringify(record));
  return { hash, record };
}

async function run(input: DecisionInput, times: number) {
  const out = [];
  for (let i = 0; i < times; i++) out.push(await decide({ now: NOW, ...input }));
  return out;
}

describe("five layers in one trip", () => {
  it("layer 1 (global, per IP) trips at its limit with the layer named", async () => {
    const ip = unique("ip");
    const results = await run(
      { ip, auth: "anon", principal: "", applyGlobal: true, limits: { globalPerHour: 1000, globalPerMinute: 3 } },
      4,
    );
    expect(results.map((r) => r.kind)).toEqual(["ok", "ok", "ok", "limited"]);
    expect(results[3]).toMatchObject({ kind: "limited", layer: "global_burst", limit: 3, windowSec: 60, resetSec: 60 });
    const hourly = await run(
      { ip: unique("ip"), auth: "anon", principal: "", applyGlobal: true, limits: { globalPerHour: 2, globalPerMinute: 50 } },
      3,
    );
    expect(hourly[2]).toMatchObject({ kind: "limited", layer: "global", limit: 2, resetSec: 1800 });
  });

  it("layer 2 (user) trips at its limit", async () => {
    const cid = await company("PRO", { user: { perHour: 2 } });
    const results = await run(
      { ip: "1.1.1.1", auth: "user", principal: unique("usr"), companyId: cid, group: "calls", applyGlobal: false },
      3,
    );
    expect(results.map((r) => r.kind)).toEqual(["ok", "ok", "limited"]);
    expect(results[2]).toMatchObject({ layer: "user", limit: 2 });
  });

  it("layer 3 (company) counts people and keys together, by tier", async () => {
    const cid = await company("FREE", { company: { perHour: 3 } });
    const { hash } = await apiKey(cid);
    const user = unique("usr");
    const a = await run({ ip: "1.1.1.1", auth: "user", principal: user, companyId: cid, group: "calls", applyGlobal: false }, 2);
    const b = await run({ ip: "1.1.1.1", auth: "key", principal: hash, group: "calls", applyGlobal: false }, 2);
    expect([...a, ...b].map((r) => r.kind)).toEqual(["ok", "ok", "ok", "limited"]);
    expect(b[1]).toMatchObject({ layer: "company", limit: 3 });
    const pro = await decide({
      now: NOW,
      ip: "1.1.1.1",
      auth: "user",
      principal: unique("usr"),
      companyId: await company("PRO"),
      group: "calls",
      applyGlobal: false,
    });
    expect(pro).toMatchObject({ kind: "ok", tier: "PRO" });
  });

  it("layer 4 (endpoint) and a rejection there consumes nothing in any other layer", async () => {
    const cid = await company("PRO", { endpoint: { analytics: 2 } });
    const user = unique("usr");
    const input: DecisionInput = { ip: "1.1.1.1", auth: "user", principal: user, companyId: cid, group: "analytics", applyGlobal: false };
    const results = await run(input, 5);
    expect(results.map((r) => r.kind)).toEqual(["ok", "ok", "limited", "limited", "limited"]);
    expect(results[2]).toMatchObject({ layer: "endpoint", limit: 2 });
    const slot = Math.floor(NOW / 3_600_000);
    const redis = getRedis();
    expect(Number(await redis.get(redisKey("rl", "u", user, String(slot))))).toBe(2);
    expect(Number(await redis.get(redisKey("rl", "c", cid, String(slot))))).toBe(2);
    // another endpoint group of the same person still has its whole quota
    expect((await decide({ ...input, now: NOW, group: "calls" })).kind).toBe("ok");
  });

  it("layer 5 (resource) limits creations per company", async () => {
    const cid = await company("FREE", { resource: { exports: 1 } });
    const input: DecisionInput = {
      ip: "1.1.1.1",
      auth: "user",
      principal: unique("usr"),
      companyId: cid,
      group: "calls",
      resource: "exports",
      applyGlobal: false,
    };
    const results = await run(input, 2);
    expect(results[1]).toMatchObject({ kind: "limited", layer: "resource", limit: 1 });
  });

  it("reports the most restrictive layer when admitted", async () => {
    const cid = await company("PRO", { endpoint: { calls: 10 } });
    const [r] = await run({ ip: "1.1.1.1", auth: "user", principal: unique("usr"), companyId: cid, group: "calls", applyGlobal: false }, 1);
    expect(r).toMatchObject({ kind: "ok", layer: "endpoint", limit: 10, remaining: 9 });
  });

  it("makes exactly one Redis round trip per decision", async () => {
    const cid = await company("PRO");
    const { hash } = await apiKey(cid);
    await decide({ now: NOW, ip: "1.1.1.1", auth: "key", principal: hash, group: "calls", applyGlobal: false }); // loads the script once
    const before = await bridgeStats();
    for (let i = 0; i < 10; i++)
      await decide({ now: NOW, ip: "1.1.1.1", auth: "key", principal: hash, group: "calls", resource: "exports", applyGlobal: false });
    const after = await bridgeStats();
    // the stats request itself is not counted by the bridge
    expect(after.requests - before.requests).toBe(10);
  });
});

describe("keys and companies in the same trip", () => {
  it("asks for a missing record instead of guessing", async () => {
    expect(await decide({ now: NOW, ip: "1.1.1.1", auth: "key", principal: "nohash", applyGlobal: false })).toEqual({
      kind: "miss",
      what: "key",
      id: "nohash",
    });
    const cid = unique("co");
    expect(await decide({ now: NOW, ip: "1.1.1.1", auth: "user", principal: "u", companyId: cid, applyGlobal: false })).toEqual({
      kind: "miss",
      what: "company",
      id: cid,
    });
  });

  it("refuses unknown, revoked, expired and past-grace keys, and suspended companies", async () => {
    const cid = await company("PRO");
    await getRedis().set(redisKey(recordKeys.apiKey("neg")), NEGATIVE);
    const base = { now: NOW, ip: "1.1.1.1", auth: "key" as const, applyGlobal: false };
    expect(await decide({ ...base, principal: "neg" })).toEqual({ kind: "deny", reason: "key_unknown" });
    expect(await decide({ ...base, principal: (await apiKey(cid, { revokedAt: NOW - 1 })).hash })).toEqual({
      kind: "deny",
      reason: "key_revoked",
    });
    expect(await decide({ ...base, principal: (await apiKey(cid, { expiresAt: NOW - 1 })).hash })).toEqual({
      kind: "deny",
      reason: "key_expired",
    });
    expect(await decide({ ...base, principal: (await apiKey(cid, { graceExpiresAt: NOW - 1 })).hash })).toEqual({
      kind: "deny",
      reason: "key_revoked",
    });
    expect(await decide({ ...base, principal: (await apiKey(cid, { graceExpiresAt: NOW + 60_000 })).hash })).toMatchObject({ kind: "ok" });
    const suspended = await company("PRO", null, "suspended");
    expect(await decide({ ...base, principal: (await apiKey(suspended)).hash })).toEqual({ kind: "deny", reason: "suspended" });
  });

  it("a bad or unloaded key still costs its IP a unit of layer 1, so guessing is bounded", async () => {
    const ip = unique("ip");
    await getRedis().set(redisKey(recordKeys.apiKey("guessed")), NEGATIVE);
    const base = { now: NOW, ip, auth: "key" as const, applyGlobal: false, limits: { globalPerHour: 1000, globalPerMinute: 3 } };
    const kinds = [];
    for (const principal of ["guessed", "guessed", unique("never-seen"), "guessed"])
      kinds.push((await decide({ ...base, principal })).kind);
    expect(kinds).toEqual(["deny", "deny", "miss", "limited"]);
    expect(await decide({ ...base, principal: "guessed" })).toMatchObject({ kind: "limited", layer: "global_burst" });
    // a valid key from the same IP is not held back by layer 1: keys are limited by their company and endpoint
    const cid = await company("PRO");
    expect(await decide({ ...base, principal: (await apiKey(cid)).hash })).toMatchObject({ kind: "ok" });
  });

  it("hands the key's identity back and asks for last-used at most once a minute", async () => {
    const cid = await company("ENTERPRISE");
    const { hash, record } = await apiKey(cid, { scopes: ["calls:read", "calls:export"] });
    const [first, second] = await run({ ip: "1.1.1.1", auth: "key", principal: hash, group: "calls", applyGlobal: false }, 2);
    expect(first).toMatchObject({
      kind: "ok",
      companyId: cid,
      tier: "ENTERPRISE",
      touch: true,
      key: { id: record.id, scopes: ["calls:read", "calls:export"] },
    });
    expect(second).toMatchObject({ kind: "ok", touch: false });
  });

  it("applies a tier change on the very next decision", async () => {
    const cid = await company("FREE");
    const input: DecisionInput = {
      now: NOW,
      ip: "1.1.1.1",
      auth: "user",
      principal: unique("usr"),
      companyId: cid,
      group: "analytics",
      applyGlobal: false,
    };
    expect(await decide(input)).toMatchObject({ tier: "FREE", layer: "endpoint", limit: 50 });
    await getRedis().set(
      redisKey(recordKeys.company(cid)),
      JSON.stringify(
        companyRecordFromRow({ id: cid, tier: "ENTERPRISE", status: "active", limitOverrides: { user: { perHour: 10_000 } } }),
      ),
    );
    expect(await decide(input)).toMatchObject({ tier: "ENTERPRISE", layer: "endpoint", limit: 500 });
  });
});

describe("across app instances", () => {
  it("two processes, 300 concurrent requests, a limit of 100: exactly 100 admitted", async () => {
    const cid = await company("PRO", { company: { perHour: 100 } });
    const runInstance = () =>
      new Promise<string[]>((resolve, reject) => {
        const child = spawn(process.execPath, ["--import", "tsx", "tests/helpers/limit-instance.ts", cid, String(NOW), "150"], {
          // Exactness across instances is the point here, not the deadline: on a loaded machine 300
          // concurrent trips can pass 250 ms and fall back to per-instance limits (tested below).
          env: { ...process.env, GATEWAY_REDIS_TIMEOUT_MS: "10000" },
          stdio: ["ignore", "pipe", "inherit"],
        });
        let out = "";
        child.stdout.on("data", (d) => (out += d));
        child.on("exit", (code) =>
          code === 0 ? resolve(JSON.parse(out.trim().split("\n").pop()!)) : reject(new Error(`instance exited ${code}`)),
        );
      });
    const [a, b] = await Promise.all([runInstance(), runInstance()]);
    const kinds = [...a, ...b];
    expect(kinds).toHaveLength(300);
    expect(kinds.filter((k) => k === "ok")).toHaveLength(100);
    expect(kinds.filter((k) => k === "limited")).toHaveLength(200);
  });
});

describe("a decision given up on by its caller", () => {
  it("refunds exactly what a refused-by-timeout API-key request consumed, so the counters equal the admissions", async () => {
    const cid = await company("FREE");
    const { hash, record } = await apiKey(cid);
    const slot = Math.floor(NOW / 3_600_000);
    const counter = async (k: string) => Number((await getRedis().get<string | number>(redisKey(`rl:${k}:${slot}`))) ?? 0);
    const ask = () => decide({ now: NOW, ip: "5.5.5.5", auth: "key", principal: hash, group: "calls", applyGlobal: false });
    // One decision in time: admitted and counted (and the script is loaded in Redis, so a late trip runs it).
    expect(await ask()).toMatchObject({ kind: "ok" });
    // Redis does the work but answers after the gateway's deadline (250 ms unless configured).
    const deadline = Number(process.env.GATEWAY_REDIS_TIMEOUT_MS) || 250;
    const realUrl = process.env.UPSTASH_REDIS_REST_URL!;
    const slow = await startSlowHttpProxy(realUrl, deadline + 300);
    process.env.UPSTASH_REDIS_REST_URL = slow.url;
    let results: Awaited<ReturnType<typeof decide>>[];
    try {
      results = await Promise.all(
        Array.from({ length: 30 }, () =>
          decide({ now: NOW, ip: "5.5.5.5", auth: "key", principal: hash, group: "calls", applyGlobal: false }),
        ),
      );
    } finally {
      process.env.UPSTASH_REDIS_REST_URL = realUrl;
    }
    expect(results.map((r) => r.kind)).toEqual(Array<string>(30).fill("unavailable"));
    // The scripts ran (their answers came too late); every refund has landed once the counters are back
    // to the one admission, and a second refund of one decision would take them below.
    await waitFor(async () => (await counter(`c:${cid}`)) === 1 && (await counter(`e:${hash}:calls`)) === 1, {
      what: "the counters to equal the admissions (one)",
      timeoutMs: 10_000,
    });
    await new Promise((r) => setTimeout(r, deadline + 600));
    expect(await counter(`c:${cid}`)).toBe(1);
    expect(await counter(`e:${hash}:calls`)).toBe(1);
    // The key's usage of the day says so too: one ok, thirty refused.
    const day = Math.floor(NOW / 86_400_000);
    expect(await getRedis().hgetall(redisKey(`ku:${record.id}:${day}`))).toMatchObject({ ok: 1, refused: 30 });
    // …and so does the company's usage of the day (billing): one admitted request, by the key, in calls.
    expect(await getRedis().hgetall(redisKey(`cu:${cid}:${day}`))).toMatchObject({ n: 1, "g:calls": 1, [`k:${record.id}`]: 1 });
    // …and once Redis answers in time again, the key is admitted and counted as usual.
    expect(await ask()).toMatchObject({ kind: "ok" });
    expect(await counter(`c:${cid}`)).toBe(2);
    await slow.close();
  });
});

describe("when Redis does not answer in time", () => {
  let blackhole: Server;
  let realUrl: string | undefined;

  let realTimeout: string | undefined;

  beforeAll(async () => {
    // SPEC's deadline, whatever the test environment's default.
    realTimeout = process.env.GATEWAY_REDIS_TIMEOUT_MS;
    process.env.GATEWAY_REDIS_TIMEOUT_MS = "250";
    // accepts connections and never answers
    blackhole = createServer(() => {});
    await new Promise<void>((r) => blackhole.listen(0, "127.0.0.1", r));
    realUrl = process.env.UPSTASH_REDIS_REST_URL;
    process.env.UPSTASH_REDIS_REST_URL = `http://127.0.0.1:${(blackhole.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    process.env.GATEWAY_REDIS_TIMEOUT_MS = realTimeout;
    process.env.UPSTASH_REDIS_REST_URL = realUrl;
    blackhole.closeAllConnections();
    await new Promise((r) => blackhole.close(r));
  });

  it("fails open through the per-instance limiter for people, keeping the limit", async () => {
    const input: DecisionInput = {
      now: NOW,
      ip: "9.9.9.9",
      auth: "anon",
      principal: "",
      applyGlobal: true,
      limits: { globalPerHour: 1000, globalPerMinute: 2 },
    };
    const results = await run(input, 3);
    expect(results.map((r) => r.kind)).toEqual(["ok", "ok", "limited"]);
    expect(results[0]).toMatchObject({ degraded: true });
  });

  it("applies the company's own tier and overrides as last seen, and a Retry-After that ends soon after Redis returns", async () => {
    const blackholeUrl = process.env.UPSTASH_REDIS_REST_URL;
    const cid = await (async () => {
      process.env.UPSTASH_REDIS_REST_URL = realUrl;
      try {
        const id = await company("PRO", { endpoint: { analytics: 7 } });
        // A decision while Redis answers: this instance now knows the company's record.
        expect(
          await decide({
            now: NOW,
            ip: "7.7.7.7",
            auth: "user",
            principal: unique("u"),
            companyId: id,
            group: "analytics",
            applyGlobal: false,
          }),
        ).toMatchObject({ kind: "ok", tier: "PRO", layer: "endpoint", limit: 7, degraded: false });
        return id;
      } finally {
        process.env.UPSTASH_REDIS_REST_URL = blackholeUrl;
      }
    })();
    const ask = (principal: string, group: DecisionInput["group"]) =>
      decide({ now: NOW, ip: "7.7.7.7", auth: "user", principal, companyId: cid, group, applyGlobal: false });

    // Redis gone: the override (7/h), not FREE's analytics 50/h nor PRO's 150/h.
    const person = unique("u");
    const during = [];
    for (let i = 0; i < 8; i++) during.push(await ask(person, "analytics"));
    expect(during.map((d) => d.kind)).toEqual([...Array<string>(7).fill("ok"), "limited"]);
    expect(during[7]).toMatchObject({ layer: "endpoint", limit: 7, tier: "PRO", degraded: true });
    // The window is this instance's, for the outage: a client told to wait is back within seconds of Redis.
    expect((during[7] as { resetSec: number }).resetSec).toBeLessThanOrEqual(30);
    // Another group of the same person is its own window (and the user layer has room): admitted.
    expect(await ask(person, "calls")).toMatchObject({ kind: "ok", tier: "PRO", degraded: true });

    // Shared among N instances, each admits its share: 7 / 2 → 3.
    process.env.GATEWAY_FALLBACK_INSTANCES = "2";
    try {
      const other = unique("u");
      const shared = [];
      for (let i = 0; i < 4; i++) shared.push((await ask(other, "analytics")).kind);
      expect(shared).toEqual(["ok", "ok", "ok", "limited"]);
    } finally {
      delete process.env.GATEWAY_FALLBACK_INSTANCES;
    }
  });

  it("fails closed for API keys (cannot be checked) and for resource layers", async () => {
    expect(await decide({ now: NOW, ip: "1.1.1.1", auth: "key", principal: "h", applyGlobal: false })).toMatchObject({
      kind: "unavailable",
    });
    expect(
      await decide({ now: NOW, ip: "1.1.1.1", auth: "user", principal: "u", companyId: "c", resource: "exports", applyGlobal: false }),
    ).toMatchObject({ kind: "unavailable", layer: "resource" });
  });
});
