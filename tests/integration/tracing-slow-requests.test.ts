// First: the instrumentation must patch mysql2 before lib/db loads it.
import { finishedSpans, tracerProvider } from "../helpers/tracing-fixture";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as TRACES } from "@/app/api/gateway/traces/route";
import { GET as LIST } from "@/app/api/v1/calls/route";
import { defineRoute } from "@/lib/api/define-route";
import { getRedis } from "@/lib/redis/client";
import { ALL_BUCKET_CAP, BUCKET_CAP, SLOW_WINDOW_MS, slowTraceKeys } from "@/lib/tracing/slow-requests/limits";
import { saveSlowTrace } from "@/lib/tracing/slow-requests/save-slow-trace";
import type { StoredTrace } from "@/lib/tracing/slow-requests/stored-trace";
import { setupDemoApi } from "../helpers/demo-fixture";
import { personCaller, signedRequest, type TestCaller } from "../helpers/signed-request";

const demo = setupDemoApi();
const platformAdmin: TestCaller = personCaller({ userId: "usr_root", companyId: null, role: null, pa: true });

interface Listed {
  recording: boolean;
  windowMinutes: number;
  slowest: StoredTrace[];
  errors: StoredTrace[];
}

async function traces(caller: TestCaller, query = ""): Promise<{ status: number; body: { data?: Listed; error?: { code: string } } }> {
  const res = await TRACES(await signedRequest(`/api/gateway/traces${query}`, { caller }));
  return { status: res.status, body: (await res.json()) as { data?: Listed } };
}

const requestIds = { acme: "", globex: "", failed: "" };
const boom = defineRoute({ auth: "required" }, async () => {
  throw new Error("kaboom with /secret/path");
});

beforeAll(async () => {
  const redis = getRedis();
  for (const bucket of ["all", "platform", { companyId: demo.acme }, { companyId: demo.globex }] as const)
    await redis.del(slowTraceKeys.bucket(bucket));
  const acme = await LIST(await signedRequest("/api/v1/calls?limit=4&direction=inbound", { caller: demo.owner }));
  const globex = await LIST(await signedRequest("/api/v1/calls?limit=4&direction=inbound", { caller: demo.globexOwner }));
  const failed = await boom(await signedRequest("/api/v1/calls?limit=1", { caller: demo.owner }));
  expect([acme.status, globex.status, failed.status]).toEqual([200, 200, 500]);
  requestIds.acme = acme.headers.get("x-request-id")!;
  requestIds.globex = globex.headers.get("x-request-id")!;
  requestIds.failed = failed.headers.get("x-request-id")!;
  await finishedSpans();
});

afterAll(async () => {
  await tracerProvider.shutdown();
});

describe("GET /api/gateway/traces (the built-in slowest requests)", () => {
  it("a company admin sees their company's requests with their spans, never another tenant's", async () => {
    const { status, body } = await traces(demo.owner);
    expect(status).toBe(200);
    const data = body.data!;
    expect(data.windowMinutes).toBe(15);
    const ids = data.slowest.map((t) => t.requestId);
    expect(ids).toContain(requestIds.acme);
    expect(ids).not.toContain(requestIds.globex);
    expect(data.slowest.every((t) => t.companyId === demo.acme)).toBe(true);
    expect(JSON.stringify(data)).not.toContain(demo.globex);

    const acme = data.slowest.find((t) => t.requestId === requestIds.acme)!;
    expect(acme).toMatchObject({ method: "GET", path: "/api/v1/calls", status: 200 });
    expect(acme.durationMs).toBeGreaterThan(0);
    // The waterfall: the request span, the cache under it, SQL under that, offsets inside the request.
    const names = acme.spans.map((s) => s.name);
    expect(names).toContain("GET calls");
    const cache = acme.spans.findIndex((s) => s.name === "cache calls");
    expect(acme.spans[cache]!.attributes["switchboard.cache.status"]).toBe("MISS");
    const sql = acme.spans.filter(
      (s) => typeof s.attributes["db.query.text"] === "string" || typeof s.attributes["db.statement"] === "string",
    );
    expect(sql.length).toBeGreaterThan(0);
    expect(sql.some((s) => s.parent === cache)).toBe(true);
    for (const span of acme.spans) {
      expect(span.offsetMs).toBeGreaterThanOrEqual(0);
      expect(span.offsetMs + span.durationMs).toBeLessThanOrEqual(acme.durationMs + 1);
    }
    // The store keeps no tenant id in a span: only the trace's own companyId says whose it is.
    expect(JSON.stringify(acme.spans)).not.toContain(demo.acme);

    // The 5xx: in the errors list, without the error's text.
    expect(data.errors.map((t) => t.requestId)).toEqual([requestIds.failed]);
    expect(JSON.stringify(data.errors)).not.toContain("kaboom");
  });

  it("the other company's admin sees only theirs", async () => {
    const { body } = await traces(demo.globexOwner);
    expect(body.data!.slowest.map((t) => t.requestId)).toEqual([requestIds.globex]);
    expect(body.data!.errors).toEqual([]);
  });

  it("a platform admin sees every company's (or one company's with ?companyId=)", async () => {
    const all = (await traces(platformAdmin)).body.data!;
    expect(all.slowest.map((t) => t.requestId)).toEqual(expect.arrayContaining([requestIds.acme, requestIds.globex, requestIds.failed]));
    const one = (await traces(platformAdmin, `?companyId=${demo.globex}`)).body.data!;
    // (The globex owner's own GET /api/gateway/traces above is one of its requests too.)
    expect(one.slowest.map((t) => t.requestId)).toContain(requestIds.globex);
    expect(one.slowest.every((t) => t.companyId === demo.globex)).toBe(true);
  });

  it("a role without health:read gets 403, nobody signed in 401, a bad companyId 400", async () => {
    expect((await traces(demo.viewer)).status).toBe(403);
    expect((await traces({ auth: "anonymous" } as TestCaller)).status).toBe(401);
    const bad = await traces(platformAdmin, "?companyId=not-an-id");
    expect(bad.status).toBe(400);
  });
});

describe("the store's bounds", () => {
  it("a bucket keeps at most its cap, only the last 15 minutes, and everything expires with the window", async () => {
    const redis = getRedis();
    const companyId = `co_bounds_${Date.now()}`;
    const key = slowTraceKeys.bucket({ companyId });
    const base = Date.now();
    const stored = (i: number): StoredTrace => ({
      traceId: `bounds${String(i).padStart(26, "0")}`,
      requestId: null,
      method: "GET",
      path: "/api/v1/calls",
      status: 200,
      durationMs: i,
      startedAt: new Date(base).toISOString(),
      companyId,
      spans: [],
      droppedSpans: 0,
    });
    // One from before the window, then more than the cap.
    await saveSlowTrace(stored(0), base - SLOW_WINDOW_MS - 1_000);
    for (let i = 1; i <= BUCKET_CAP + 5; i++) await saveSlowTrace(stored(i), base + i);
    const members = await redis.zrange<string[]>(key, 0, -1);
    expect(members).toHaveLength(BUCKET_CAP);
    expect(members).not.toContain(stored(0).traceId);
    expect(members[0]).toBe(stored(6).traceId);
    expect(await redis.zcard(slowTraceKeys.bucket("all"))).toBeLessThanOrEqual(ALL_BUCKET_CAP);
    for (const k of [key, slowTraceKeys.bucket("all"), slowTraceKeys.trace(stored(7).traceId)]) {
      const ttl = await redis.ttl(k);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(SLOW_WINDOW_MS / 1_000);
    }
  });
});
