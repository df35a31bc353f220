import { context, propagation, ROOT_CONTEXT, type Context } from "@opentelemetry/api";

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
