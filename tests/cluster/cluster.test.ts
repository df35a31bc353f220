import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { hashToken } from "@/lib/auth/hash-token";
import { ENDPOINT_LIMITS, LAYERS, TIER_MULTIPLIER } from "@/lib/gateway/rate-limit/policy";
import { fakeFaults, fakeRequests, fakeReset } from "../helpers/fakes-control";
import { awayFromWindowEdge } from "../helpers/window-edge";
import { call, json, readAccessLog, replicaOf, type Answer, type CallOptions } from "./http";

/**
 * Three replicas of the production build behind a real nginx running deploy/nginx.conf behave as
 * one (issue 15). Every assertion is about answers that came through nginx; nginx's access log says
 * which replica gave each one. The cluster is started by tests/cluster/global-setup.ts.
 */
const cluster = inject("cluster");
const via = (method: string, path: string, opts?: CallOptions) => call(cluster.url, method, path, opts);
const replicaOfAnswer = (answer: Answer) => replicaOf(cluster.accessLog, answer);
let redis: Redis;

async function token(email: string): Promise<string> {
  const res = await via("POST", "/api/v1/auth/token", { body: { email, password: "switchboard-demo" } });
  expect(res.status, res.body).toBe(200);
  return json<{ data: { accessToken: string } }>(res).data.accessToken;
}

/** The counters of the gateway's windows whose key matches `pattern` (after the prefix), with their values. */
async function counters(pattern: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${cluster.keyPrefix}${pattern}`, "COUNT", 1000);
    for (const key of keys) out[key.slice(cluster.keyPrefix.length)] = Number(await redis.get(key));
    cursor = next;
  } while (cursor !== "0");
  return out;
}

/**
 * Asks through nginx until every replica has answered at least once (nginx round-robins, so about
 * one request per replica); the answers by replica. Bounded: a replica that never answers fails it.
 */
async function fromEveryReplica(ask: () => Promise<Answer>): Promise<Map<string, Answer[]>> {
  const byReplica = new Map<string, Answer[]>();
  for (let i = 0; i < 4 * cluster.replicas.length && byReplica.size < cluster.replicas.length; i++) {
    const answer = await ask();
    const replica = await replicaOfAnswer(answer);
    byReplica.set(replica, [...(byReplica.get(replica) ?? []), answer]);
  }
  expect([...byReplica.keys()].sort(), "every replica answered through nginx").toEqual([...cluster.replicas].sort());
  return byReplica;
}

const count = (answers: Answer[], status: number) => answers.filter((a) => a.status === status).length;

beforeAll(() => {
  redis = new Redis(cluster.redisUrl, { maxRetriesPerRequest: 1 });
});

afterAll(() => {
  redis?.disconnect();
});

describe("three replicas behind nginx (deploy/nginx.conf)", () => {
  it("an API key's burst across the replicas admits exactly its limit, and the Redis counter equals the admissions", async () => {
    const owner = await token("owner@globex.test"); // Globex is FREE
    const created = await via("POST", "/api/v1/api-keys", {
      headers: { authorization: `Bearer ${owner}` },
      body: { name: "cluster burst", scopes: ["calls:read"] },
    });
    expect(created.status, created.body).toBe(201);
    const key = json<{ data: { key: string } }>(created).data.key;
    const hash = await hashToken(key);
    const auth = { authorization: `Bearer ${key}` };
    // The hour's window must not reset in the middle of the burst.
    await awayFromWindowEdge(3600, 30_000);

    // /api/v1/ping is in the dashboard group: FREE's endpoint limit, the tightest layer for a key.
    const limit = ENDPOINT_LIMITS.dashboard * TIER_MULTIPLIER.FREE;
    const first = await via("GET", "/api/v1/ping", { headers: auth });
    expect(first.status, first.body).toBe(200);
    expect(first.headers["x-ratelimit-limit"]).toBe(String(limit));

    const burst = await Promise.all(Array.from({ length: limit + 40 }, () => via("GET", "/api/v1/ping", { headers: auth })));
    const admitted = 1 + count(burst, 200);
    expect(count(burst, 200) + count(burst, 429), "every answer is 200 or 429").toBe(burst.length);
    expect(admitted).toBe(limit);
    expect(count(burst, 429)).toBe(burst.length - (limit - 1));
    // One window key for the key's dashboard group (this hour), holding exactly what was admitted.
    expect(Object.values(await counters(`rl:e:${hash}:dashboard:*`))).toEqual([admitted]);

    // …and the burst really was spread over the three replicas, each admitting some of it.
    const log = readAccessLog(cluster.accessLog);
    await replicaOfAnswer(burst.at(-1)!);
    const admittedBy = new Map<string, number>();
    for (const a of burst.filter((b) => b.status === 200)) {
      const replica = log.get(a.requestId) ?? (await replicaOfAnswer(a));
      admittedBy.set(replica, (admittedBy.get(replica) ?? 0) + 1);
    }
    expect([...admittedBy.keys()].sort()).toEqual([...cluster.replicas].sort());
  });

  it("an anonymous client's burst admits exactly the per-minute limit for its own address, not nginx's nor a forged one", async () => {
    const limit = LAYERS.global.perMinute;
    await awayFromWindowEdge(60, 10_000);
    // The client connects from 127.0.0.2 (nginx and the replicas talk over 127.0.0.1, the trusted proxy)
    // and forges an X-Forwarded-For: nginx appends the real address, and only that one is counted.
    const anon: CallOptions = { localAddress: "127.0.0.2", headers: { "x-forwarded-for": "198.51.100.7" } };
    const burst = await Promise.all(Array.from({ length: limit + 30 }, () => via("GET", "/api/v1/ping", anon)));
    // Past the limiter an anonymous caller is refused by authentication (401): that is an admission.
    expect(count(burst, 401) + count(burst, 429), "every answer is 401 or 429").toBe(burst.length);
    expect(count(burst, 401)).toBe(limit);
    expect(count(burst, 429)).toBe(30);
    const perMinute = await counters("rl:gb:127.0.0.2:*");
    expect(Object.values(perMinute)).toEqual([limit]);
    expect(Object.values(await counters("rl:g:127.0.0.2:*"))).toEqual([limit]);
    expect(await counters("rl:*198.51.100.7*")).toEqual({});
  });

  it("a write through one replica is what every replica reads next, their caches included", async () => {
    const admin = await token("admin@acme.test");
    const auth = { authorization: `Bearer ${admin}` };
    const list = await via("GET", "/api/v1/customers?limit=1", { headers: auth });
    expect(list.status, list.body).toBe(200);
    const id = json<{ data: Array<{ id: string }> }>(list).data[0]!.id;
    const read = () => via("GET", `/api/v1/customers/${id}`, { headers: auth });

    // Every replica reads the customer first, so each has it cached.
    const before = await fromEveryReplica(read);
    for (const answers of before.values()) for (const a of answers) expect(a.status, a.body).toBe(200);
    const warm = await fromEveryReplica(read);
    expect([...warm.values()].flat().map((a) => a.headers["x-cache"])).toContain("HIT");

    const name = `Cluster ${Date.now().toString(36)}`;
    const patched = await via("PATCH", `/api/v1/customers/${id}`, { headers: auth, body: { name } });
    expect(patched.status, patched.body).toBe(200);
    const writer = await replicaOfAnswer(patched);

    const after = await fromEveryReplica(read);
    for (const [replica, answers] of after) {
      for (const a of answers) {
        expect(a.status, a.body).toBe(200);
        expect(json<{ data: { name: string } }>(a).data.name, `read on ${replica} (write on ${writer})`).toBe(name);
      }
    }
  });

  it("a cache MISS on one replica is a HIT on the others", async () => {
    const owner = await token("owner@acme.test");
    const read = () => via("GET", "/api/v1/dashboard/overview?range=30d", { headers: { authorization: `Bearer ${owner}` } });
    const first = await read();
    expect(first.status, first.body).toBe(200);
    expect(first.headers["x-cache"]).toBe("MISS");
    const loader = await replicaOfAnswer(first);

    const next = await fromEveryReplica(read);
    const others = [...next].filter(([replica]) => replica !== loader);
    expect(others).toHaveLength(cluster.replicas.length - 1);
    for (const [replica, answers] of others) {
      for (const a of answers) {
        expect(a.status, a.body).toBe(200);
        expect(a.headers["x-cache"], `replica ${replica} (loaded on ${loader})`).toBe("HIT");
        expect(a.body).toBe(first.body);
      }
    }
  });

  it("a breaker tripped through one replica is open on all of them, which no longer call the vendor", async () => {
    const owner = await token("owner@acme.test");
    const auth = { authorization: `Bearer ${owner}` };
    const test = (base: string) => call(base, "POST", "/api/v1/settings/integrations/retell/test", { headers: auth });
    interface ConnectionTest {
      ok: boolean;
      breaker: { state: string };
      error?: { code: string };
    }
    const result = (a: Answer) => json<{ data: ConnectionTest }>(a).data;
    await fakeReset(cluster.retellFake);

    // Retell fails; connection tests sent to the first replica alone (the one step that bypasses nginx) trip the breaker.
    await fakeFaults(cluster.retellFake, { failNext: 1000, status: 503, path: "/v3/list-calls" });
    const tripper = `http://${cluster.replicas[0]}`;
    let tripped: ConnectionTest | undefined;
    for (let i = 0; i < 10 && tripped?.breaker.state !== "open"; i++) {
      const res = await test(tripper);
      expect(res.status, res.body).toBe(200);
      tripped = result(res);
      expect(tripped.ok).toBe(false);
    }
    expect(tripped?.breaker.state, "the breaker opened on the first replica").toBe("open");
    const vendorCalls = (await fakeRequests(cluster.retellFake, "/v3/list-calls")).length;
    expect(vendorCalls).toBeGreaterThan(0);

    // Through nginx, every replica says it is open and answers without asking Retell.
    const tests = await fromEveryReplica(() => test(cluster.url));
    for (const [replica, answers] of tests) {
      for (const a of answers) {
        expect(a.status, a.body).toBe(200);
        expect(result(a), `replica ${replica}`).toMatchObject({ ok: false, breaker: { state: "open" }, error: { code: "breaker_open" } });
      }
    }
    const statuses = await fromEveryReplica(() => via("GET", "/api/v1/settings/integrations", { headers: auth }));
    for (const [replica, answers] of statuses) {
      for (const a of answers) {
        expect(a.status, a.body).toBe(200);
        const retell = json<{ data: Array<{ vendor: string; breaker: { state: string } }> }>(a).data.find((s) => s.vendor === "retell");
        expect(retell?.breaker.state, `replica ${replica}`).toBe("open");
      }
    }
    expect((await fakeRequests(cluster.retellFake, "/v3/list-calls")).length, "no replica called Retell while open").toBe(vendorCalls);
    await fakeReset(cluster.retellFake);
  });
});
