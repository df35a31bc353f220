import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  TraceFlags,
  type Attributes,
  type Context,
  type SpanContext,
} from "@opentelemetry/api";
import { TRACER_NAME } from "./tracer";

/**
 * A request's trace, carried into the jobs it enqueues: the active context as W3C Trace Context
 * (`traceparent`, `tracestate`) through the OpenTelemetry propagation API, serialized as JSON — the
 * same form BullMQ's own telemetry keeps in a job's `opts.telemetry.metadata`, where the outbox mover
 * puts it. Undefined when nothing is recording (tracing off: the API's no-op propagator injects nothing).
 */
export function traceCarrier(): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent
    ? JSON.stringify({ traceparent: carrier.traceparent, ...(carrier.tracestate ? { tracestate: carrier.tracestate } : {}) })
    : undefined;
}

/** The context a job continues: its request's trace when it carries one, else a fresh root. Bad input → a fresh root. */
export function jobParentContext(metadata: string | undefined): Context {
  if (!metadata) return ROOT_CONTEXT;
  try {
    const parsed: unknown = JSON.parse(metadata);
    if (!parsed || typeof parsed !== "object") return ROOT_CONTEXT;
    const carrier: Record<string, string> = {};
    for (const key of ["traceparent", "tracestate"] as const) {
      const value = (parsed as Record<string, unknown>)[key];
      if (typeof value === "string" && value.length <= 512) carrier[key] = value;
    }
    return propagation.extract(ROOT_CONTEXT, carrier);
  } catch {
    return ROOT_CONTEXT;
  }
}

/**
 * Runs `fn` (the outbox mover handing a batch of jobs to BullMQ) inside a PRODUCER span that continues
 * the traces the jobs carry: the child of the first sampled job's request span, linked to the others' (one
 * batch, many traces: OpenTelemetry's messaging conventions use links for that). The Redis calls made
 * inside (ioredis, instrumented) become its children. No job carries a trace (tracing off, or jobs
 * from before it was on): no span, `fn` only.
 */
export async function inCarriedTraces<T>(
  name: string,
  attributes: Attributes,
  carriers: Array<string | undefined>,
  fn: () => Promise<T>,
): Promise<T> {
  const parents: SpanContext[] = [];
  for (const carrier of carriers) {
    const parent = trace.getSpanContext(jobParentContext(carrier));
    if (parent && trace.isSpanContextValid(parent) && !parents.some((p) => p.spanId === parent.spanId)) parents.push(parent);
  }
  // A sampled parent first: under a ratio sampler the span then lives in a trace that is recorded.
  const first = parents.find((c) => (c.traceFlags & TraceFlags.SAMPLED) !== 0) ?? parents[0];
  if (!first) return fn();
  const others = parents.filter((c) => c !== first);
  return context.with(trace.setSpanContext(ROOT_CONTEXT, first), () =>
    trace
      .getTracer(TRACER_NAME)
      .startActiveSpan(name, { kind: SpanKind.PRODUCER, attributes, links: others.map((c) => ({ context: c })) }, async (span) => {
        try {
          return await fn();
        } catch (err) {
          span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.name : "error" });
          throw err;
        } finally {
          span.end();
        }
      }),
  );
}
