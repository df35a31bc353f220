import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { BatchSpanProcessor } from "@opentelemetry/sdk-trace";
import { startTracing } from "./start-tracing";

/**
 * Tracing for a Node server (instrumentation.ts): spans batched and sent over OTLP/HTTP to
 * OTEL_EXPORTER_OTLP_ENDPOINT (+ /v1/traces) or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT; headers from
 * OTEL_EXPORTER_OTLP_HEADERS. The exporter reads those variables itself.
 */
export function registerTracing(): void {
  const provider = startTracing([new BatchSpanProcessor({ exporter: new OTLPTraceExporter() })]);
  // Send what is batched before the process ends (SIGTERM from Docker / the platform).
  process.once("beforeExit", () => void provider.shutdown());
}
