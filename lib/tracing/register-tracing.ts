import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { BatchSpanProcessor, type SpanProcessor } from "@opentelemetry/sdk-trace";
import { AttributeAuditFile } from "./attribute-audit-file";
import { samplerFromEnv } from "./sampler-from-env";
import { saveSlowTrace } from "./slow-requests/save-slow-trace";
import { SlowRequestRecorder } from "./slow-requests/slow-request-recorder";
import { startTracing } from "./start-tracing";
import { otlpExportEnabled, slowestEnabled } from "./tracing-config";

/**
 * Tracing for a Node server (instrumentation.ts) or worker, with what the environment asks for:
 * - OTLP/HTTP export, batched, to OTEL_EXPORTER_OTLP_ENDPOINT (+ /v1/traces) or
 *   OTEL_EXPORTER_OTLP_TRACES_ENDPOINT; headers from OTEL_EXPORTER_OTLP_HEADERS (the exporter reads them);
 * - the built-in slowest-requests store (TRACING_SLOWEST, on with export by default);
 * - sampling from OTEL_TRACES_SAMPLER / _ARG (both consumers see the same sampled traces);
 * - for the e2e suite only, every span's attributes appended to TRACING_AUDIT_FILE.
 */
export function registerTracing(env: Record<string, string | undefined> = process.env): void {
  const processors: SpanProcessor[] = [];
  if (slowestEnabled(env)) processors.push(new SlowRequestRecorder(saveSlowTrace));
  if (otlpExportEnabled(env)) processors.push(new BatchSpanProcessor({ exporter: new OTLPTraceExporter() }));
  const audit = env.TRACING_AUDIT_FILE?.trim();
  if (audit) processors.push(new AttributeAuditFile(audit));
  const provider = startTracing(processors, samplerFromEnv(env));
  // Send what is batched before the process ends (SIGTERM from Docker / the platform).
  process.once("beforeExit", () => void provider.shutdown());
}
