import { context, propagation, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { MySQL2Instrumentation } from "@opentelemetry/instrumentation-mysql2";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { TracerProvider, type Sampler, type SpanProcessor } from "@opentelemetry/sdk-trace";
import { StripQueryStrings } from "./strip-query-strings";

export const SERVICE_NAME = "switchboard";

/**
 * Registers the global tracer provider with these processors, the async context that carries the
 * active span across awaits, and the official mysql2 instrumentation (statement text masked: the
 * SQL shape with `?` for every value, never a value). Must run before mysql2 is first loaded.
 * Returns the provider (tests flush and shut it down).
 */
export function startTracing(spanProcessors: SpanProcessor[], sampler?: Sampler): TracerProvider {
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  const provider = new TracerProvider({
    ...(sampler ? { sampler } : {}),
    resource: resourceFromAttributes({ "service.name": process.env.OTEL_SERVICE_NAME || SERVICE_NAME }),
    // Query strings are stripped before any exporter sees a span.
    spanProcessors: [new StripQueryStrings(), ...spanProcessors],
  });
  trace.setGlobalTracerProvider(provider);
  // W3C Trace Context: what a request hands to the jobs it enqueues (lib/tracing/job-trace.ts).
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  // Enabled on construction; it takes the global tracer provider set above.
  new MySQL2Instrumentation({ maskStatement: true });
  return provider;
}
