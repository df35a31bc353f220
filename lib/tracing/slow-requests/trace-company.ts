import { trace } from "@opentelemetry/api";

/**
 * Which company a trace's request acted for, told to the slowest-requests recorder beside the spans
 * rather than as a span attribute (span attributes leave the process: no tenant id goes there).
 * Nothing listens unless the recorder is registered (tracing on), so this costs a null check otherwise.
 */
let listener: ((traceId: string, companyId: string | null) => void) | null = null;

export function listenForTraceCompanies(fn: ((traceId: string, companyId: string | null) => void) | null): void {
  listener = fn;
}

/** Called by defineRoute once it knows the caller. */
export function noteTraceCompany(companyId: string | null): void {
  if (!listener) return;
  const span = trace.getActiveSpan();
  if (span?.isRecording()) listener(span.spanContext().traceId, companyId);
}
