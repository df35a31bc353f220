import { describe, expect, it } from "vitest";
import { tracingEnabled } from "@/lib/tracing/tracing-config";

describe("tracingEnabled", () => {
  it("is off by default and with blank values", () => {
    expect(tracingEnabled({})).toBe(false);
    expect(tracingEnabled({ OTEL_EXPORTER_OTLP_ENDPOINT: " " })).toBe(false);
    expect(tracingEnabled({ OTEL_TRACES_EXPORTER: "" })).toBe(false);
  });

  it("is on with an OTLP endpoint, a traces endpoint or OTEL_TRACES_EXPORTER=otlp", () => {
    expect(tracingEnabled({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://127.0.0.1:4318" })).toBe(true);
    expect(tracingEnabled({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://127.0.0.1:4318/v1/traces" })).toBe(true);
    expect(tracingEnabled({ OTEL_TRACES_EXPORTER: "otlp" })).toBe(true);
  });

  it("OTEL_TRACES_EXPORTER=none wins over an endpoint", () => {
    expect(tracingEnabled({ OTEL_TRACES_EXPORTER: "none", OTEL_EXPORTER_OTLP_ENDPOINT: "http://127.0.0.1:4318" })).toBe(false);
  });
});
