import { SpanStatusCode, trace, type Attributes, type Span } from "@opentelemetry/api";

/**
 * The app's spans go through `@opentelemetry/api` only: with no SDK registered (tracing off, the
 * default) every call here is the API's no-op and costs a function call.
 */
export const TRACER_NAME = "switchboard";

/** Runs `fn` inside a span named `name` (the active span while it runs); ends it, marking errors. */
export async function inSpan<T>(name: string, attributes: Attributes, fn: (span: Span) => Promise<T>): Promise<T> {
  return trace.getTracer(TRACER_NAME).startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await fn(span);
    } catch (err) {
      // The error's class only: a message can carry SQL or vendor text.
      span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.name : "error" });
      throw err;
    } finally {
      span.end();
    }
  });
}

/** The active trace's id for the request log line, or undefined when nothing is recording. */
export function activeTraceId(): string | undefined {
  const span = trace.getActiveSpan();
  return span?.isRecording() ? span.spanContext().traceId : undefined;
}
