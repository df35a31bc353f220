import { SpanStatusCode } from "@opentelemetry/api";
import { AlwaysOnSampler, ParentBasedSampler, TraceIdRatioBasedSampler, TracerProvider } from "@opentelemetry/sdk-trace";
import { describe, expect, it } from "vitest";
import { samplerFromEnv } from "@/lib/tracing/sampler-from-env";
import { SLOWEST_PER_BUCKET } from "@/lib/tracing/slow-requests/limits";
import { SlowRequestRecorder } from "@/lib/tracing/slow-requests/slow-request-recorder";
import type { StoredTrace } from "@/lib/tracing/slow-requests/stored-trace";
import { otlpExportEnabled, slowestEnabled, tracingEnabled } from "@/lib/tracing/tracing-config";

function harness() {
  const saved: StoredTrace[] = [];
  let now = 1_000_000;
  const recorder = new SlowRequestRecorder(
    async (t) => {
      saved.push(t);
    },
    () => now,
  );
  const tracer = new TracerProvider({ spanProcessors: [recorder] }).getTracer("test");
  /** One request of `ms` (a root span with a child), answering `status`. */
  const request = (ms: number, status = 200, withRequestId = true) => {
    const start = now;
    const root = tracer.startSpan("GET calls", {
      startTime: start,
      attributes: withRequestId
        ? { "switchboard.request_id": `req_${saved.length}_${ms}`, "http.request.method": "GET", "url.path": "/api/v1/calls" }
        : {},
    });
    root.setAttribute("http.response.status_code", status);
    if (status >= 500) root.setStatus({ code: SpanStatusCode.ERROR });
    root.end(start + ms);
  };
  return { saved, request, advance: (ms: number) => (now += ms) };
}

describe("SlowRequestRecorder", () => {
  it("keeps the first requests of a window, then only slower ones — and every 5xx", () => {
    const h = harness();
    for (let i = 0; i < SLOWEST_PER_BUCKET; i++) h.request(10 + i);
    expect(h.saved).toHaveLength(SLOWEST_PER_BUCKET);
    h.request(5);
    h.request(10);
    expect(h.saved).toHaveLength(SLOWEST_PER_BUCKET);
    h.request(500);
    expect(h.saved.at(-1)!.durationMs).toBe(500);
    h.request(1, 503);
    expect(h.saved.at(-1)).toMatchObject({ durationMs: 1, status: 503 });
    // 15 minutes later the old ones no longer count: a fast request is among the slowest again.
    h.advance(15 * 60_000 + 1);
    h.request(2);
    expect(h.saved.at(-1)!.durationMs).toBe(2);
  });

  it("ignores traces without an API request span", () => {
    const h = harness();
    h.request(1_000, 500, false);
    expect(h.saved).toEqual([]);
  });
});

describe("tracing configuration", () => {
  it("the slowest-requests store: on alone with TRACING_SLOWEST=1, on with OTLP export unless TRACING_SLOWEST=0", () => {
    expect(slowestEnabled({})).toBe(false);
    expect(slowestEnabled({ TRACING_SLOWEST: "1" })).toBe(true);
    expect(tracingEnabled({ TRACING_SLOWEST: "1" })).toBe(true);
    expect(otlpExportEnabled({ TRACING_SLOWEST: "1" })).toBe(false);
    expect(slowestEnabled({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://127.0.0.1:4318" })).toBe(true);
    expect(slowestEnabled({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://127.0.0.1:4318", TRACING_SLOWEST: "0" })).toBe(false);
  });

  it("OTEL_TRACES_SAMPLER / _ARG", () => {
    expect(samplerFromEnv({}).toString()).toBe(new ParentBasedSampler({ root: new AlwaysOnSampler() }).toString());
    expect(samplerFromEnv({ OTEL_TRACES_SAMPLER: "parentbased_traceidratio", OTEL_TRACES_SAMPLER_ARG: "0.1" }).toString()).toBe(
      new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(0.1) }).toString(),
    );
    expect(samplerFromEnv({ OTEL_TRACES_SAMPLER: "traceidratio", OTEL_TRACES_SAMPLER_ARG: "0.25" }).toString()).toBe(
      new TraceIdRatioBasedSampler(0.25).toString(),
    );
    expect(samplerFromEnv({ OTEL_TRACES_SAMPLER: "traceidratio", OTEL_TRACES_SAMPLER_ARG: "7" }).toString()).toBe(
      new TraceIdRatioBasedSampler(1).toString(),
    );
  });
});
