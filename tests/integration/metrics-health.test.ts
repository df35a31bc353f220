import { beforeAll, describe, expect, it } from "vitest";
import { GET as HEALTH } from "@/app/api/gateway/health/route";
import { GET as STREAM } from "@/app/api/gateway/stream/route";
import { GET as METRICS } from "@/app/api/metrics/route";
import type { CompanyHealth, PlatformHealth } from "@/lib/metrics/gateway-health";
import { metricsKeys } from "@/lib/metrics/keys";
import { flushMetrics, recordCacheResult, recordFallback, recordRequest } from "@/lib/metrics/recorder";
import { rollupEdgeStats } from "@/lib/metrics/rollup-edge-stats";
import { getRedis } from "@/lib/redis/client";
import { bridgeStats } from "../helpers/bridge-stats";
import { seedCompany } from "../helpers/seed-rows";
import { apiKeyCaller, personCaller, signedRequest, type TestCaller } from "../helpers/signed-request";

const METRICS_TOKEN = "metrics-token-for-tests-0123456789";
process.env.METRICS_TOKEN = METRICS_TOKEN;

let companyA: string;
let companyB: string;
const admin = (companyId: string): TestCaller => personCaller({ userId: "usr_admin", companyId, role: "admin" });
const platformAdmin: TestCaller = personCaller({ userId: "usr_root", companyId: null, role: null, pa: true });

/**
 * Requests this file has sent as each company. The health route records its own requests too, and
 * its window ends at the last whole second, so whether they are counted depended on how fast the
 * machine ran the file. The later counts wait for a new second and flush first, then expect them.
 */
const sentAs = new Map<string, number>();
const seeded = 50;
async function countsAfterFlush(companyId: string): Promise<number> {
  // past the view's ~1 s memo, and into a new second
  await new Promise((resolve) => setTimeout(resolve, 2020 - (Date.now() % 1000)));
  await flushMetrics();
  return seeded + (sentAs.get(companyId) ?? 0);
}

async function health<T>(
  caller: TestCaller | null,
  query = "",
): Promise<{ status: number; body: { data: T } & { error?: { code: string } } }> {
  if (caller?.cid) sentAs.set(caller.cid, (sentAs.get(caller.cid) ?? 0) + 1);
  const res = await HEALTH(await signedRequest(`/api/gateway/health${query}`, { caller }));
  return { status: res.status, body: (await res.json()) as { data: T } };
}

beforeAll(async () => {
  companyA = await seedCompany({ tier: "PRO" });
  companyB = await seedCompany({ tier: "FREE" });
});

describe("recordRequest", () => {
  it("adds no Redis round trip per request; one flush writes them all in one pipeline", async () => {
    const at = Date.now() - 2_000;
    const before = await bridgeStats();
    for (let i = 0; i < 40; i++) recordRequest({ group: "calls", method: "GET", status: 200, ms: 20, companyId: companyA, at });
    for (let i = 0; i < 10; i++) recordRequest({ group: "calls", method: "POST", status: 503, ms: 400, companyId: companyA, at });
    for (let i = 0; i < 5; i++) recordRequest({ group: "dashboard", method: "GET", status: 200, ms: 8, companyId: companyB, at });
    recordCacheResult("calls", "HIT", at);
    recordCacheResult("calls", "miss", at);
    recordFallback("calcom", at);
    await new Promise((r) => setImmediate(r));
    expect((await bridgeStats()).requests - before.requests).toBe(0);
    await flushMetrics();
    expect((await bridgeStats()).requests - before.requests).toBe(1);
    const bucket = (await getRedis().hgetall<Record<string, number>>(metricsKeys.companySecond(companyA, Math.floor(at / 1000)))) ?? {};
    expect(bucket).toMatchObject({ n: 50, "s:2xx": 40, "s:5xx": 10, "g:calls": 50 });
  });
});

describe("GET /api/gateway/health", () => {
  it("shows a company admin their own company's counts, percentiles and limits — and nothing of the platform", async () => {
    const { status, body } = await health<CompanyHealth>(admin(companyA));
    expect(status).toBe(200);
    const d = body.data;
    expect(d).toMatchObject({ scope: "company", companyId: companyA, unavailable: [] });
    expect(d.requests.total.last60s).toBe(50);
    expect(d.requests.statusClasses).toEqual({ "2xx": 40, "5xx": 10 });
    expect(d.requests.errorRate).toBe(0.2);
    expect(d.requests.groups).toEqual({ calls: 50 });
    expect(d.requests.latencyMs.last60s.p50).toBeGreaterThan(15);
    expect(d.requests.latencyMs.last60s.p50).toBeLessThanOrEqual(25);
    expect(d.requests.latencyMs.last60s.p95).toBeGreaterThan(300);
    expect(d.requests.latencyMs.last60s.p99).toBeLessThanOrEqual(500);
    expect(d.limits).toMatchObject({ tier: "PRO", status: "active", company: { limit: 6_000, used: 0, remaining: 6_000 } });
    expect(d.series.reduce((a, p) => a + p.requests, 0)).toBe(50);
    for (const key of ["edge", "registry", "breakers", "dependencies", "queue", "cache"]) expect(d).not.toHaveProperty(key);

    const other = await health<CompanyHealth>(admin(companyB));
    expect(other.body.data).toMatchObject({ scope: "company", companyId: companyB, limits: { tier: "FREE", company: { limit: 2_000 } } });
    expect(other.body.data.requests.total.last60s).toBe(5);
  });

  it("an API key with the health:read scope gets its company's view", async () => {
    const { status, body } = await health<CompanyHealth>(apiKeyCaller({ keyId: "key_x", companyId: companyB, scopes: ["health:read"] }));
    expect(status).toBe(200);
    expect(body.data.companyId).toBe(companyB);
  });

  it("refuses callers without the right: member 403, no identity 401", async () => {
    expect((await health(personCaller({ userId: "usr_m", companyId: companyA, role: "member" }))).status).toBe(403);
    expect((await health(apiKeyCaller({ keyId: "key_y", companyId: companyA, scopes: ["calls:read"] }))).status).toBe(403);
    expect((await health({ auth: "anonymous" })).status).toBe(401);
    expect((await health(null)).status).toBe(401);
  });

  it("shows a platform admin every instance's traffic, the edge's 429s by layer, cache, registry and dependencies", async () => {
    // The edge writes the second it is in; one second back is one a rollup can not have folded yet (it stops at now-2).
    const sec = Math.floor(Date.now() / 1000) - 1;
    const p = getRedis().pipeline();
    p.hincrby(metricsKeys.edgeSecond(sec), "allowed", 7);
    p.hincrby(metricsKeys.edgeSecond(sec), "limited:company", 3);
    p.hincrby(metricsKeys.edgeSecond(sec), "limited:global_burst", 2);
    p.expire(metricsKeys.edgeSecond(sec), 120);
    await p.exec();

    const { status, body } = await health<PlatformHealth>(platformAdmin);
    expect(status).toBe(200);
    const d = body.data;
    expect(d.scope).toBe("platform");
    expect(d.requests.total.last60s).toBeGreaterThanOrEqual(55);
    expect(d.requests.groups.dashboard).toBeGreaterThanOrEqual(5);
    expect(d.edge?.limitedByLayer.company).toBeGreaterThanOrEqual(3);
    expect(d.edge?.limitedByLayer.global_burst).toBeGreaterThanOrEqual(2);
    expect(d.edge?.allowed).toBeGreaterThanOrEqual(7);
    expect(d.cache?.byResource.calls).toMatchObject({ hit: expect.any(Number), miss: expect.any(Number) });
    expect(d.fallbacks?.calcom).toBeGreaterThanOrEqual(1);
    expect(d.dependencies.map((c) => c.name)).toEqual(["mysql", "redis", "queue"]);
    expect(d.dependencies.filter((c) => c.name !== "queue").every((c) => c.ok)).toBe(true);
    expect(d.registry?.services.find((s) => s.name === "calls")).toMatchObject({ mode: "in_process" });
    // the known dependencies, all closed: nothing has failed in this test
    expect(d.breakers?.states.map((b) => `${b.name}:${b.state}`)).toEqual(
      expect.arrayContaining(["calcom:closed", "retell:closed", "sendgrid:closed", "stripe:closed"]),
    );
    expect(d.queue).toMatchObject({ outbox: expect.any(Number), deadLetters: expect.any(Number) });

    const expected = await countsAfterFlush(companyA);
    const scoped = await health<CompanyHealth>(platformAdmin, `?companyId=${companyA}`);
    expect(scoped.body.data).toMatchObject({ scope: "company", companyId: companyA });
    expect(scoped.body.data.requests.total.last60s).toBe(expected);
  });
});

describe("GET /api/metrics", () => {
  const scrape = async (caller: TestCaller | null, headers: Record<string, string> = {}) =>
    METRICS(await signedRequest("/api/metrics", { caller, headers }));

  it("serves Prometheus text to a platform admin: requests, latency, 429s by layer, cache, queue, fallbacks", async () => {
    // Fold the edge seconds written above now, instead of waiting two seconds for them to complete.
    await rollupEdgeStats(Date.now() + 3_000);
    const res = await scrape(platformAdmin);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toMatch(/switchboard_http_requests_total\{group="calls",method="GET",status_class="2xx"\} 40/);
    expect(text).toMatch(/switchboard_http_requests_total\{group="calls",method="POST",status_class="5xx"\} 10/);
    expect(text).toMatch(/switchboard_http_request_duration_seconds_bucket\{le="0.025",group="calls"\} 40/);
    expect(text).toMatch(/switchboard_cluster_http_requests_total\{group="calls",status_class="2xx"\} \d+/);
    expect(text).toMatch(/switchboard_rate_limited_total\{layer="company"\} [3-9]/);
    expect(text).toMatch(/switchboard_gateway_decisions_total\{outcome="allowed"\} \d+/);
    expect(text).toMatch(/switchboard_cache_requests_total\{resource="calls",result="hit"\} 1/);
    expect(text).toMatch(/switchboard_fallback_answers_total\{dependency="calcom"\} 1/);
    for (const name of [
      "switchboard_queue_outbox_length",
      "switchboard_dead_letter_jobs",
      "switchboard_worker_heartbeat_age_seconds",
      "switchboard_breaker_state",
      "switchboard_process_cpu_seconds_total",
    ]) {
      expect(text).toContain(`# TYPE ${name}`);
    }
  });

  it("accepts the METRICS_TOKEN bearer without any identity", async () => {
    const res = await scrape(null, { authorization: `Bearer ${METRICS_TOKEN}` });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("switchboard_http_requests_total");
  });

  it("refuses everyone else: 401 without an identity or with a wrong token, 403 for a company admin", async () => {
    expect((await scrape(null)).status).toBe(401);
    expect((await scrape(null, { authorization: `Bearer ${METRICS_TOKEN}x` })).status).toBe(401);
    expect((await scrape({ auth: "anonymous" })).status).toBe(401);
    const forbidden = await scrape(admin(companyA));
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toMatchObject({ error: { code: "forbidden" } });
  });
});

describe("GET /api/gateway/stream", () => {
  it("sends health events and stops when the client disconnects", async () => {
    const expected = await countsAfterFlush(companyA);
    const controller = new AbortController();
    const signed = await signedRequest("/api/gateway/stream", { caller: admin(companyA) });
    const res = await STREAM(new Request(signed, { signal: controller.signal }));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    const events: CompanyHealth[] = [];
    while (events.length < 2) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      for (const m of text.matchAll(/event: health\nid: (\d+)\ndata: (.*)\n\n/g))
        if (Number(m[1]) > events.length) events.push(JSON.parse(m[2]!) as CompanyHealth);
    }
    expect(text.startsWith("retry: 3000\n")).toBe(true);
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ scope: "company", companyId: companyA });
    // the stream's own request is recorded when its response starts, and counted once its second is whole
    expect(events[0]!.requests.total.last60s).toBeGreaterThanOrEqual(expected);
    expect(events[0]!.requests.total.last60s).toBeLessThanOrEqual(expected + 1);
    controller.abort();
    const rest = await reader.read();
    expect(rest.done).toBe(true);
  });

  it("refuses a caller without health:read", async () => {
    const res = await STREAM(
      await signedRequest("/api/gateway/stream", { caller: personCaller({ userId: "usr_v", companyId: companyA, role: "viewer" }) }),
    );
    expect(res.status).toBe(403);
  });
});
