import { trace } from "@opentelemetry/api";

/**
 * Which company a trace's request acted for, told to the slowest-requests recorder beside the spans
 * rather than as a span attribute (span attributes leave the process: no tenant id goes there).
 * Nothing listens unless the recorder is registered (tracing on), so this costs a null check otherwise.
 */
type Listener = (traceId: string, companyId: string | null) => void;
// On globalThis, not in this module: Next bundles instrumentation.ts (where the recorder listens) apart from
// the route handlers (which tell), so each bundle has its own copy of this module — as @opentelemetry/api
// keeps its registrations under a global symbol for the same reason.
const KEY = Symbol.for("switchboard.tracing.trace-company-listener");
const slot = globalThis as { [KEY]?: Listener | null };

export function listenForTraceCompanies(fn: Listener | null): void {
  slot[KEY] = fn;
}

/** Called by defineRoute once it knows the caller. */
export function noteTraceCompany(companyId: string | null): void {
  const listener = slot[KEY];
  if (!listener) return;
  const span = trace.getActiveSpan();
  if (span?.isRecording()) listener(span.spanContext().traceId, companyId);
}
