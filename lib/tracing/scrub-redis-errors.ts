import { SpanStatusCode } from "@opentelemetry/api";
import type { Span, SpanProcessor } from "@opentelemetry/sdk-trace";

/** The official ioredis instrumentation's tracer: its spans are the TCP clients' Redis calls. */
export const IOREDIS_SCOPE = "@opentelemetry/instrumentation-ioredis";

/**
 * Runs before the exporting processors: a failed ioredis call keeps its error flag but not Redis' error
 * text nor the exception event the instrumentation records (message and stack) — the app's own Redis
 * spans record no error text either (trace-redis-call.ts): it can quote a script, a key's type, a value.
 */
export class ScrubRedisErrors implements SpanProcessor {
  onStart(): void {}
  onEnding(span: Span): void {
    if (span.instrumentationScope.name !== IOREDIS_SCOPE) return;
    if (span.status.code === SpanStatusCode.ERROR) span.setStatus({ code: SpanStatusCode.ERROR, message: "redis error" });
    // The SDK keeps events in a plain array until the span ends; the instrumentation only adds exceptions.
    span.events.splice(0, span.events.length);
  }
  onEnd(): void {}
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
