import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from "@opentelemetry/sdk-trace";
import { saveSlowTrace } from "@/lib/tracing/slow-requests/save-slow-trace";
import { SlowRequestRecorder } from "@/lib/tracing/slow-requests/slow-request-recorder";
import { startTracing } from "@/lib/tracing/start-tracing";

/**
 * Tracing into memory for a test file: the same provider, context manager, propagator, mysql2
 * instrumentation and slowest-requests recorder (saving to the test Redis) that instrumentation.ts
 * registers with TRACING_SLOWEST=1, plus an in-memory exporter instead of OTLP.
 * Import this module FIRST in the file (before anything that loads mysql2), so the instrumentation
 * patches mysql2 as it is loaded.
 */
export const spanExporter = new InMemorySpanExporter();
export const slowRecorder = new SlowRequestRecorder(saveSlowTrace);
export const tracerProvider = startTracing([slowRecorder, new SimpleSpanProcessor({ exporter: spanExporter })]);

/** The spans finished so far (flushed first; the recorder's saves done). */
export async function finishedSpans(): Promise<ReadableSpan[]> {
  await tracerProvider.forceFlush();
  return spanExporter.getFinishedSpans();
}
