import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from "@opentelemetry/sdk-trace";
import { startTracing } from "@/lib/tracing/start-tracing";

/**
 * Tracing into memory for a test file: the same provider, context manager and mysql2
 * instrumentation that instrumentation.ts registers, with an in-memory exporter instead of OTLP.
 * Import this module FIRST in the file (before anything that loads mysql2), so the instrumentation
 * patches mysql2 as it is loaded.
 */
export const spanExporter = new InMemorySpanExporter();
export const tracerProvider = startTracing([new SimpleSpanProcessor({ exporter: spanExporter })]);

/** The spans finished so far (flushed first). */
export async function finishedSpans(): Promise<ReadableSpan[]> {
  await tracerProvider.forceFlush();
  return spanExporter.getFinishedSpans();
}
