// First: the instrumentation must patch mysql2 before lib/db loads it.
import { finishedSpans, spanExporter, tracerProvider } from "../helpers/tracing-fixture";
import { SpanStatusCode } from "@opentelemetry/api";
import type { ReadableSpan } from "@opentelemetry/sdk-trace";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { GET as LIST } from "@/app/api/v1/calls/route";
import { POST as CREATE } from "@/app/api/v1/customers/route";
import { authEnv } from "@/lib/env/auth";
import { dbEnv } from "@/lib/env/db";
import { BreakerOpenError } from "@/lib/breaker/errors";
import { createId } from "@/lib/ids/create-id";
import { callVendor } from "@/lib/integrations/http/call-vendor";
import { VendorError } from "@/lib/integrations/http/vendor-error";
import { activeTraceId, inSpan } from "@/lib/tracing/tracer";
import { getRedis } from "@/lib/redis/client";
import { decide } from "@/lib/gateway/rate-limit/decide";
import { CONTEXT_HEADER } from "@/lib/gateway/context";
import { setupDemoApi } from "../helpers/demo-fixture";
import { signedRequest } from "../helpers/signed-request";

const demo = setupDemoApi();

afterAll(async () => {
  await tracerProvider.shutdown();
});

beforeEach(() => {
  spanExporter.reset();
});

const sqlText = (s: ReadableSpan) => String(s.attributes["db.query.text"] ?? s.attributes["db.statement"] ?? "");

/** Every attribute value of the spans, as text (resource attributes included). */
function attributeTexts(spans: ReadableSpan[]): string[] {
  return spans.flatMap((s) => [...Object.values(s.attributes), ...Object.values(s.resource.attributes)].map((v) => JSON.stringify(v)));
}

describe("tracing through a route handler", () => {
  it("GET /api/v1/calls yields one trace: the handler span, the cache span under it and SQL spans under that", async () => {
    const req = await signedRequest("/api/v1/calls?limit=5&direction=inbound", {
      caller: demo.owner,
      headers: { "x-request-id": "req_trace_test_0001" },
    });
    const res = await LIST(req);
    expect(res.status).toBe(200);
    const spans = await finishedSpans();

    const handler = spans.find((s) => s.attributes["switchboard.request_id"] === res.headers.get("x-request-id"));
    expect(handler, spans.map((s) => s.name).join(", ")).toBeDefined();
    expect(handler!.attributes).toMatchObject({
      "http.request.method": "GET",
      "url.path": "/api/v1/calls",
      "http.response.status_code": 200,
    });
    const traceId = handler!.spanContext().traceId;
    expect(spans.every((s) => s.spanContext().traceId === traceId)).toBe(true);

    const cache = spans.find((s) => s.name === "cache calls");
    expect(cache?.parentSpanContext?.spanId).toBe(handler!.spanContext().spanId);
    expect(cache!.attributes["switchboard.cache.status"]).toBe("MISS");

    const sql = spans.filter((s) => sqlText(s) !== "");
    expect(sql.length).toBeGreaterThan(0);
    const callsQuery = sql.find((s) => /from `calls`/i.test(sqlText(s)));
    expect(callsQuery, sql.map(sqlText).join("\n")).toBeDefined();
    expect(callsQuery!.parentSpanContext?.spanId).toBe(cache!.spanContext().spanId);
    // The statement's shape: placeholders where the company id and filters went.
    expect(sqlText(callsQuery!)).toContain("?");

    // The same request again: a cache HIT, and no SQL.
    spanExporter.reset();
    const again = await LIST(await signedRequest("/api/v1/calls?limit=5&direction=inbound", { caller: demo.owner }));
    expect(again.status).toBe(200);
    const second = await finishedSpans();
    expect(second.find((s) => s.name === "cache calls")?.attributes["switchboard.cache.status"]).toBe("HIT");
    expect(second.filter((s) => sqlText(s) !== "")).toEqual([]);
  });

  it("no span attribute carries a tenant id, a user id, a secret, the signed context, a query value or a request body", async () => {
    const list = await signedRequest("/api/v1/calls?limit=3&q=tracequerymarker", { caller: demo.owner });
    const context = list.headers.get(CONTEXT_HEADER)!;
    expect((await LIST(list)).status).toBe(200);
    // A write with a body: its INSERT runs with these values as parameters.
    const digits = String(Date.now()).slice(-7);
    const body = {
      name: "Tracebody Markerperson",
      email: `trace.${digits}@marker.test`,
      phone: `+1617${digits}`,
      notes: "trace-notes-marker",
    };
    const created = await CREATE(await signedRequest("/api/v1/customers", { method: "POST", caller: demo.owner, body }));
    expect(created.status).toBe(201);
    const spans = await finishedSpans();
    expect(spans.filter((s) => s.attributes["switchboard.request_id"] !== undefined)).toHaveLength(2);
    expect(spans.some((s) => /^insert into `customers`/i.test(sqlText(s)))).toBe(true);

    const forbidden = [
      demo.acme,
      demo.owner.uid!,
      context,
      authEnv().GATEWAY_SIGNING_SECRET,
      authEnv().NEXTAUTH_SECRET,
      "tracequerymarker",
      "Tracebody",
      body.email,
      digits,
      "trace-notes-marker",
    ];
    const password = new URL(dbEnv().DATABASE_URL).password;
    if (password) forbidden.push(password);
    const texts = attributeTexts(spans);
    expect(texts.length).toBeGreaterThan(10);
    for (const text of texts) {
      for (const secret of forbidden) expect(text).not.toContain(secret);
    }
  });
});

describe("query strings", () => {
  it("are stripped from span names and URL attributes before export, whoever set them", async () => {
    await inSpan(
      "fetch GET https://vendor.test/bookings?attendeeEmail=someone@marker.test",
      { "http.url": "https://vendor.test/b?email=x@marker.test", "http.target": "/api/v1/calls?q=secretword" },
      async (span) => {
        span.setAttribute("url.full", "https://vendor.test/late?token=late-marker");
      },
    );
    const [span] = await finishedSpans();
    expect(span!.name).toBe("fetch GET https://vendor.test/bookings?…");
    expect(span!.attributes).toEqual({
      "http.url": "https://vendor.test/b?…",
      "http.target": "/api/v1/calls?…",
      "url.full": "https://vendor.test/late?…",
    });
  });
});

describe("activeTraceId (the request log line's traceId)", () => {
  it("is the active span's trace id inside a span, and undefined outside any", async () => {
    expect(activeTraceId()).toBeUndefined();
    const [inside, traceId] = await inSpan("probe", {}, async (span) => [activeTraceId(), span.spanContext().traceId]);
    expect(inside).toBe(traceId);
    expect(inside).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe("tracing a vendor call", () => {
  const vendorSpans = async () => (await finishedSpans()).filter((s) => s.name === "vendor calcom");

  it("records the vendor, the breaker's state and the vendor's status, never the vendor's text", async () => {
    const target = { vendor: "calcom" as const, breakerName: `calcom-trace-${createId("request")}`, policy: { failureThreshold: 1 } };
    expect(await callVendor(target, async () => "slots")).toEqual({ value: "slots", fallback: false });
    const failure = new VendorError("calcom", 503, { detail: "vendor-text-marker" });
    await expect(callVendor(target, async () => Promise.reject(failure))).rejects.toBe(failure);
    // The one failure opened the breaker: the next call is refused, or answered by its fallback.
    await expect(callVendor(target, async () => "never")).rejects.toBeInstanceOf(BreakerOpenError);
    expect(await callVendor(target, async () => "never", { fallback: () => "cached" })).toEqual({
      value: "cached",
      fallback: true,
      reason: "open",
    });

    const spans = await vendorSpans();
    expect(spans.map((s) => s.attributes)).toEqual([
      {
        "switchboard.vendor": "calcom",
        "switchboard.breaker.name": target.breakerName,
        "switchboard.breaker.state": "admitted",
        "switchboard.vendor.outcome": "ok",
      },
      {
        "switchboard.vendor": "calcom",
        "switchboard.breaker.name": target.breakerName,
        "switchboard.breaker.state": "admitted",
        "switchboard.vendor.outcome": "error",
        "switchboard.vendor.status": 503,
      },
      {
        "switchboard.vendor": "calcom",
        "switchboard.breaker.name": target.breakerName,
        "switchboard.breaker.state": "open",
        "switchboard.vendor.outcome": "error",
      },
      {
        "switchboard.vendor": "calcom",
        "switchboard.breaker.name": target.breakerName,
        "switchboard.breaker.state": "open",
        "switchboard.vendor.outcome": "fallback",
        "switchboard.vendor.fallback_reason": "open",
      },
    ]);
    expect(spans[1]!.status).toEqual({ code: SpanStatusCode.ERROR, message: "VendorError" });
    expect(JSON.stringify(spans.map((s) => [s.attributes, s.status, s.events]))).not.toContain("vendor-text-marker");
  });
});

describe("tracing Redis calls", () => {
  it("a request's Redis trips are spans with the command's name only: no key, no value", async () => {
    const res = await LIST(await signedRequest("/api/v1/calls?limit=2&direction=outbound", { caller: demo.owner }));
    expect(res.status).toBe(200);
    const spans = await finishedSpans();
    const redis = spans.filter((s) => s.attributes["db.system.name"] === "redis");
    expect(redis.length, spans.map((s) => s.name).join(", ")).toBeGreaterThan(0);
    const traceId = redis[0]!.spanContext().traceId;
    expect(spans.find((s) => s.attributes["switchboard.request_id"])?.spanContext().traceId).toBe(traceId);
    for (const span of redis) {
      expect(span.name).toMatch(/^redis [A-Z]+$/);
      expect(Object.keys(span.attributes).sort()).toEqual(
        span.attributes["db.operation.batch.size"] === undefined
          ? ["db.operation.name", "db.system.name"]
          : ["db.operation.batch.size", "db.operation.name", "db.system.name", "switchboard.redis.commands"],
      );
    }
    const texts = attributeTexts(redis).join("\n");
    expect(texts).not.toContain(demo.acme);
    expect(texts).not.toContain("sb");
  });

  it("a pipeline is one span naming its commands; a secret value never appears; outside a trace nothing is recorded", async () => {
    const key = `trace-marker-key-${createId("request")}`;
    await inSpan("probe", {}, async () => {
      await getRedis().pipeline().set(key, "secret-value-marker", { ex: 60 }).get(key).del(key).exec();
      await getRedis().get(key);
    });
    await getRedis().get(key);
    const spans = (await finishedSpans()).filter((s) => s.attributes["db.system.name"] === "redis");
    expect(spans.map((s) => [s.name, s.attributes])).toEqual([
      [
        "redis PIPELINE",
        {
          "db.system.name": "redis",
          "db.operation.name": "PIPELINE",
          "db.operation.batch.size": 3,
          "switchboard.redis.commands": "SET GET DEL",
        },
      ],
      ["redis GET", { "db.system.name": "redis", "db.operation.name": "GET" }],
    ]);
    const texts = JSON.stringify(spans.map((s) => [s.name, s.attributes, s.status, s.events]));
    expect(texts).not.toContain("marker");
  });
});

describe("the gateway's decision", () => {
  it("is one span per decision with its transport, Redis trips, outcome and layer, over TCP and REST; no principal in it", async () => {
    const saved = process.env.GATEWAY_REDIS_TRANSPORT;
    const principal = `u_trace_${Date.now().toString(36)}`;
    try {
      for (const transport of ["tcp", "rest"]) {
        process.env.GATEWAY_REDIS_TRANSPORT = transport;
        await decide({ ip: "10.9.8.7", auth: "user", principal, companyId: null, applyGlobal: false, generation: undefined });
      }
    } finally {
      process.env.GATEWAY_REDIS_TRANSPORT = saved;
    }
    const spans = (await finishedSpans()).filter((s) => s.name === "gateway decision");
    expect(spans.map((s) => s.attributes)).toEqual([
      expect.objectContaining({
        "switchboard.gateway.transport": "tcp",
        "switchboard.gateway.redis_trips": 1,
        "switchboard.gateway.auth": "user",
      }),
      expect.objectContaining({
        "switchboard.gateway.transport": "rest",
        "switchboard.gateway.redis_trips": 1,
        "switchboard.gateway.auth": "user",
      }),
    ]);
    for (const s of spans) {
      expect(s.attributes["switchboard.gateway.outcome"]).toMatch(/^(ok|limited|miss|deny:.+)$/);
      expect(s.attributes["switchboard.gateway.degraded"]).toBe(false);
    }
    expect(attributeTexts(spans).join(" ")).not.toContain(principal);
    expect(attributeTexts(spans).join(" ")).not.toContain("10.9.8.7");
  });
});
