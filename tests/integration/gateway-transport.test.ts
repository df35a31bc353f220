import { spawn } from "node:child_process";
import net, { type AddressInfo } from "node:net";
import Redis from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { companyRecordFromRow, recordKeys, type ApiKeyRecord } from "@/lib/gateway/records";
import { decide, type DecisionInput } from "@/lib/gateway/rate-limit/decide";
import { SILENT_CONNECTION_MS, tcpTransportState } from "@/lib/gateway/rate-limit/tcp-transport";
import { getRedis, redisKey } from "@/lib/redis/client";
import { bridgeStats } from "../helpers/bridge-stats";
import { waitFor } from "../helpers/jobs-wait";
import { startRedisProcess, type RedisProcess } from "../helpers/redis-process";

/**
 * The decision's two transports (lib/gateway/rate-limit/transport.ts): TCP through ioredis, as the
 * self-hosted build runs it (GATEWAY_REDIS_TRANSPORT=tcp), and REST through @upstash/redis, as a
 * runtime without TCP does (the rest of the gateway tests drive that one:
 * gateway-limits.test.ts). SPEC's rules hold on both: one trip, the same answers, nothing consumed
 * on a refusal, exact across instances, fail open/closed per layer, a late answer refunded once.
 */
const NOW = Date.UTC(2026, 10, 21, 10, 30, 0);
let seq = 0;
const unique = (p: string) => `${p}_${Date.now().toString(36)}${(seq++).toString(36)}`;
const saved = { transport: process.env.GATEWAY_REDIS_TRANSPORT, url: process.env.REDIS_URL, timeout: process.env.GATEWAY_REDIS_TIMEOUT_MS };

function viaTcp(url = saved.url!) {
  process.env.GATEWAY_REDIS_TRANSPORT = "tcp";
  process.env.REDIS_URL = url;
}

afterEach(() => {
  process.env.GATEWAY_REDIS_TRANSPORT = saved.transport;
  process.env.REDIS_URL = saved.url;
  process.env.GATEWAY_REDIS_TIMEOUT_MS = saved.timeout;
});

/** The company and API key records the gateway reads, written through `redis` (the shared test Redis when omitted). */
async function keyFor(tier: "FREE" | "PRO", redis?: Redis, callsPerHour = 3) {
  const cid = unique("co");
  const hash = unique("hash");
  const record: ApiKeyRecord = {
    id: unique("key"),
    companyId: cid,
    scopes: ["calls:read"],
    environment: "live",
    expiresAt: null,
    revokedAt: null,
    graceExpiresAt: null,
    ver: 1,
  };
  const company = JSON.stringify(
    companyRecordFromRow({ id: cid, tier, status: "active", limitOverrides: { endpoint: { calls: callsPerHour } } }),
  );
  if (redis) {
    await redis.set(redisKey(recordKeys.company(cid)), company);
    await redis.set(redisKey(recordKeys.apiKey(hash)), JSON.stringify(record));
  } else {
    await getRedis().set(redisKey(recordKeys.company(cid)), company);
    await getRedis().set(redisKey(recordKeys.apiKey(hash)), JSON.stringify(record));
  }
  const input: DecisionInput = { now: NOW, ip: "6.6.6.6", auth: "key", principal: hash, group: "calls", applyGlobal: false };
  return { cid, hash, record, input };
}

/** Commands Redis ran, from INFO commandstats. */
async function scriptCalls(redis: Redis): Promise<{ evalsha: number; eval: number }> {
  const info = await redis.info("commandstats");
  const calls = (cmd: string) => Number(new RegExp(`cmdstat_${cmd}:calls=(\\d+)`).exec(info)?.[1] ?? 0);
  return { evalsha: calls("evalsha"), eval: calls("eval") };
}

describe("the same decision over TCP and over REST", () => {
  it("answers alike: admitted with the key's identity, then limited at the endpoint layer with nothing consumed elsewhere", async () => {
    const kinds: Record<string, unknown[]> = {};
    for (const transport of ["rest", "tcp"] as const) {
      if (transport === "tcp") viaTcp();
      const { cid, record, input } = await keyFor("FREE");
      const results = [];
      for (let i = 0; i < 4; i++) results.push(await decide(input));
      expect(results[0]).toMatchObject({ kind: "ok", companyId: cid, key: { id: record.id }, degraded: false });
      kinds[transport] = results.map((r) => ({ kind: r.kind, layer: "layer" in r ? r.layer : null }));
      // The company layer counted the three admissions only: the refusal consumed nothing there.
      const slot = Math.floor(NOW / 3_600_000);
      expect(Number(await getRedis().get(redisKey(`rl:c:${cid}:${slot}`)))).toBe(3);
    }
    expect(kinds.tcp).toEqual(kinds.rest);
    expect(kinds.tcp!.map((k) => (k as { kind: string }).kind)).toEqual(["ok", "ok", "ok", "limited"]);
  });

  it("over TCP the gateway never goes through the REST bridge", async () => {
    viaTcp();
    const { input } = await keyFor("PRO");
    const before = (await bridgeStats()).requests;
    for (let i = 0; i < 3; i++) expect(await decide(input)).toMatchObject({ kind: "ok" });
    expect((await bridgeStats()).requests - before).toBe(0);
  });
});

describe("over TCP, against a Redis of the test's own", () => {
  let redis: RedisProcess;
  let admin: Redis;

  beforeAll(async () => {
    redis = await startRedisProcess();
    admin = new Redis(redis.url(0), { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false });
    admin.on("error", () => undefined);
    await admin.connect();
  });
  afterAll(async () => {
    admin.disconnect();
    await redis.close();
  });

  it("one EVALSHA per decision once the script is loaded on the connection; EVAL again after Redis lost its scripts (NOSCRIPT)", async () => {
    viaTcp(redis.url(0));
    const { input } = await keyFor("PRO", admin);
    expect(await decide(input)).toMatchObject({ kind: "ok" });
    const before = await scriptCalls(admin);
    for (let i = 0; i < 2; i++) expect(await decide(input)).toMatchObject({ kind: "ok" });
    const after = await scriptCalls(admin);
    expect(after.evalsha - before.evalsha).toBe(2);
    expect(after.eval - before.eval).toBe(0);

    // SCRIPT FLUSH (this Redis only): the next EVALSHA gets NOSCRIPT, the client resends EVAL, the decision stands.
    await admin.script("FLUSH");
    const flushed = await scriptCalls(admin);
    expect(await decide(input)).toMatchObject({ kind: "limited", layer: "endpoint" });
    const last = await scriptCalls(admin);
    expect(last.eval - flushed.eval).toBe(1);
  });

  it("Redis killed: people fail open (degraded), API keys fail closed; Redis restarted empty: decided by Redis again", async () => {
    viaTcp(redis.url(0));
    const anon: DecisionInput = { now: NOW, ip: "8.8.4.4", auth: "anon", principal: "", applyGlobal: true };
    expect(await decide(anon)).toMatchObject({ kind: "ok", degraded: false });
    await redis.stop();
    try {
      expect(await decide(anon)).toMatchObject({ kind: "ok", degraded: true });
      expect(await decide({ now: NOW, ip: "8.8.4.4", auth: "key", principal: "h", applyGlobal: false })).toMatchObject({
        kind: "unavailable",
      });
    } finally {
      await redis.start();
    }
    await waitFor(
      async () => {
        const d = await decide(anon);
        return d.kind === "ok" && !d.degraded;
      },
      { what: "decisions by Redis again after its restart", timeoutMs: 10_000 },
    );
  });
});

/** A TCP relay to Redis that passes requests on at once and holds every answer back for `delayMs`. */
async function startSlowTcpRelay(port: number, delayMs: number) {
  const open = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(port, "127.0.0.1");
    for (const s of [client, upstream]) {
      open.add(s);
      s.on("error", () => undefined);
      s.on("close", () => open.delete(s));
    }
    client.pipe(upstream);
    upstream.on("data", (chunk: Buffer) => setTimeout(() => !client.destroyed && client.write(chunk), delayMs));
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => setTimeout(() => client.destroy(), delayMs));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}

describe("over TCP, a Redis that answers late or never", () => {
  it("a late answer: API keys 503, and what the late scripts consumed is refunded exactly once", async () => {
    const { cid, hash, record, input } = await keyFor("PRO", undefined, 1_000);
    const slot = Math.floor(NOW / 3_600_000);
    const counter = async (k: string) => Number((await getRedis().get<string | number>(redisKey(`rl:${k}:${slot}`))) ?? 0);
    const target = new URL(saved.url!);
    const relay = await startSlowTcpRelay(Number(target.port || 6379), 700);
    // The same database through the relay. One decision with time to spare opens the connection and
    // loads the script (admitted and counted); from then on every answer comes 700 ms late.
    viaTcp(`redis://127.0.0.1:${relay.port}${target.pathname}`);
    process.env.GATEWAY_REDIS_TIMEOUT_MS = "5000";
    try {
      expect(await decide(input)).toMatchObject({ kind: "ok" });
      process.env.GATEWAY_REDIS_TIMEOUT_MS = "250";
      const results = await Promise.all(Array.from({ length: 10 }, () => decide(input)));
      expect(results.map((r) => r.kind)).toEqual(Array<string>(10).fill("unavailable"));
      // The late scripts ran (and counted), then their refunds: back to the one admission, and no lower.
      const day = Math.floor(NOW / 86_400_000);
      await waitFor(async () => Number((await getRedis().hgetall(redisKey(`ku:${record.id}:${day}`)))?.refused ?? 0) === 10, {
        what: "the ten late decisions to have run",
        timeoutMs: 10_000,
      });
      await waitFor(async () => (await counter(`c:${cid}`)) === 1 && (await counter(`e:${hash}:calls`)) === 1, {
        what: "the counters to equal the admissions (one)",
        timeoutMs: 10_000,
      });
      await new Promise((r) => setTimeout(r, 1_500));
      expect(await counter(`c:${cid}`)).toBe(1);
      expect(await counter(`e:${hash}:calls`)).toBe(1);
      expect(await getRedis().hgetall(redisKey(`ku:${record.id}:${day}`))).toMatchObject({ ok: 1, refused: 10 });
    } finally {
      await relay.close();
    }
  });

  it("a Redis that accepts and never answers: people through the in-memory limiter, API keys and resource layers 503", async () => {
    const sockets = new Set<net.Socket>();
    const blackhole = net.createServer((s) => void sockets.add(s));
    await new Promise<void>((resolve) => blackhole.listen(0, "127.0.0.1", resolve));
    process.env.GATEWAY_REDIS_TIMEOUT_MS = "250";
    viaTcp(`redis://127.0.0.1:${(blackhole.address() as AddressInfo).port}/0`);
    try {
      const anon: DecisionInput = {
        now: NOW,
        ip: "9.9.8.8",
        auth: "anon",
        principal: "",
        applyGlobal: true,
        limits: { globalPerMinute: 2 },
      };
      const kinds = [];
      for (let i = 0; i < 3; i++) kinds.push(await decide(anon));
      expect(kinds.map((k) => k.kind)).toEqual(["ok", "ok", "limited"]);
      expect(kinds[0]).toMatchObject({ degraded: true });
      expect(await decide({ now: NOW, ip: "1.1.1.1", auth: "key", principal: "h", applyGlobal: false })).toMatchObject({
        kind: "unavailable",
      });
      expect(
        await decide({ now: NOW, ip: "1.1.1.1", auth: "user", principal: "u", companyId: "c", resource: "exports", applyGlobal: false }),
      ).toMatchObject({ kind: "unavailable", layer: "resource" });
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => blackhole.close(resolve));
    }
  });
});

/**
 * A TCP relay to Redis on a port of this slot's range that can go silent: while `silent`, it keeps
 * every socket open and drops what passes in both directions (a hung Redis, a half-open path).
 */
async function startSilenceableRelay(port: number) {
  const open = new Set<net.Socket>();
  let connections = 0;
  const state = { silent: false };
  const server = net.createServer((client) => {
    connections++;
    const upstream = net.connect(port, "127.0.0.1");
    for (const s of [client, upstream]) {
      open.add(s);
      s.on("error", () => undefined);
      s.on("close", () => open.delete(s));
    }
    client.on("data", (chunk: Buffer) => !state.silent && upstream.write(chunk));
    upstream.on("data", (chunk: Buffer) => !state.silent && !client.destroyed && client.write(chunk));
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  const listenPort = 18079 + 100 * Math.max(0, Math.min(9, Number(process.env.TEST_SLOT ?? 0) || 0)) + 31;
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(listenPort, "127.0.0.1", resolve));
  return {
    port: listenPort,
    state,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}

describe("over TCP, a connection that goes silent without closing", () => {
  it("decisions fall back within the deadline, waiting commands stay bounded, the client reconnects, and Redis decides again once it answers", async () => {
    const target = new URL(saved.url!);
    const relay = await startSilenceableRelay(Number(target.port || 6379));
    process.env.GATEWAY_REDIS_TIMEOUT_MS = "250";
    viaTcp(`redis://127.0.0.1:${relay.port}${target.pathname}`);
    const anon = (ip: string): DecisionInput => ({ now: NOW, ip, auth: "anon", principal: "", applyGlobal: true });
    try {
      await waitFor(
        async () => {
          const d = await decide(anon("7.7.7.1"));
          return d.kind === "ok" && !d.degraded;
        },
        { what: "a first decision by Redis through the relay", timeoutMs: 10_000 },
      );
      expect(tcpTransportState()).toMatchObject({ status: "ready", pending: 0 });
      const connectionsBefore = relay.connections();

      // Redis stops answering; the socket stays open.
      relay.state.silent = true;
      const burst = await Promise.all(Array.from({ length: 40 }, (_, i) => decide(anon(`7.7.8.${i}`))));
      expect(burst.every((d) => d.kind === "ok" && d.degraded)).toBe(true);
      expect(tcpTransportState()!.pending).toBeGreaterThan(0);
      // Nothing answers for SILENT_CONNECTION_MS: the connection is given up, what waited is dropped
      // (not resent), and the client opens a new one rather than staying "ready" on a dead socket.
      await waitFor(() => relay.connections() > connectionsBefore, {
        what: "the client to reconnect after the silence",
        timeoutMs: SILENT_CONNECTION_MS * 5,
      });
      expect(tcpTransportState()!.pending).toBeLessThan(40);

      // While the new connection waits for its (unanswered) startup check, many decisions wait with
      // it and time out: one shared 'ready' listener, not one per decision.
      await waitFor(() => tcpTransportState()!.status === "connect", { what: "a connection being opened", timeoutMs: 10_000 });
      const waiting = await Promise.all(Array.from({ length: 30 }, (_, i) => decide(anon(`7.7.9.${i}`))));
      expect(waiting.every((d) => d.kind === "ok" && d.degraded)).toBe(true);
      expect(tcpTransportState()!.readyListeners).toBeLessThanOrEqual(2);

      // Redis answers again: decisions go to Redis, with nothing left waiting.
      relay.state.silent = false;
      await waitFor(
        async () => {
          const d = await decide(anon("7.7.7.2"));
          return d.kind === "ok" && !d.degraded;
        },
        { what: "decisions by Redis again once it answers", timeoutMs: SILENT_CONNECTION_MS * 8 },
      );
      await waitFor(() => tcpTransportState()!.pending === 0, { what: "no command left waiting", timeoutMs: 5_000 });
    } finally {
      await relay.close();
    }
  });
});

describe("over TCP across app instances", () => {
  it("two processes, 300 concurrent requests, a limit of 100: exactly 100 admitted", async () => {
    const cid = unique("co");
    await getRedis().set(
      redisKey(recordKeys.company(cid)),
      JSON.stringify(companyRecordFromRow({ id: cid, tier: "PRO", status: "active", limitOverrides: { company: { perHour: 100 } } })),
    );
    const runInstance = () =>
      new Promise<string[]>((resolve, reject) => {
        const child = spawn(process.execPath, ["--import", "tsx", "tests/helpers/limit-instance.ts", cid, String(NOW), "150"], {
          env: { ...process.env, GATEWAY_REDIS_TRANSPORT: "tcp", GATEWAY_REDIS_TIMEOUT_MS: "10000" },
          stdio: ["ignore", "pipe", "inherit"],
        });
        let out = "";
        child.stdout.on("data", (d) => (out += d));
        child.on("exit", (code) =>
          code === 0 ? resolve(JSON.parse(out.trim().split("\n").pop()!)) : reject(new Error(`instance exited ${code}`)),
        );
      });
    const kinds = (await Promise.all([runInstance(), runInstance()])).flat();
    expect(kinds).toHaveLength(300);
    expect(kinds.filter((k) => k === "ok")).toHaveLength(100);
  });
});
