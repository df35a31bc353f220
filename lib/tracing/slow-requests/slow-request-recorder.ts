import type { ReadableSpan, Span, SpanProcessor } from "@opentelemetry/sdk-trace";
import { SLOW_WINDOW_MS, SLOWEST_PER_BUCKET } from "./limits";
import type { StoredTrace } from "./stored-trace";
import { toStoredTrace } from "./to-stored-trace";
import { listenForTraceCompanies } from "./trace-company";

/** A trace whose root has not ended yet: its ended spans so far, bounded. */
interface Pending {
  spans: ReadableSpan[];
  since: number;
  companyId?: string | null;
}

/** At most this many traces in flight are buffered, and this many spans each; older ones are dropped. */
const MAX_PENDING = 2_000;
const MAX_BUFFERED_SPANS = 400;
/** A trace whose root never ends (a stream left open) is forgotten after this long. */
const PENDING_MS = 120_000;

export type SaveTrace = (stored: StoredTrace, endedAt: number) => Promise<void>;

const isLocalRoot = (s: ReadableSpan) => !s.parentSpanContext || s.parentSpanContext.isRemote === true;

/**
 * The built-in store's recorder: buffers each trace's ended spans in memory, and when the request's
 * local root span ends decides — a 5xx, or among this instance's SLOWEST_PER_BUCKET slowest of its
 * company (or the platform's requests) in the last 15 minutes — whether to save it (one Redis trip),
 * else drops it. Only API requests (a trace holding defineRoute's span) are considered. So a steady state
 * writes nothing: only a request slower than the ones already kept costs a trip.
 */
export class SlowRequestRecorder implements SpanProcessor {
  private readonly pending = new Map<string, Pending>();
  /** Per bucket, the kept requests' [durationMs, endedAt] in this instance. */
  private readonly kept = new Map<string, Array<[number, number]>>();
  private readonly saving = new Set<Promise<void>>();

  constructor(
    private readonly save: SaveTrace,
    private readonly now: () => number = Date.now,
  ) {
    listenForTraceCompanies((traceId, companyId) => {
      this.entry(traceId).companyId = companyId;
    });
  }

  private entry(traceId: string): Pending {
    let p = this.pending.get(traceId);
    if (!p) {
      p = { spans: [], since: this.now() };
      this.pending.set(traceId, p);
      this.evict();
    }
    return p;
  }

  private evict(): void {
    const oldest = this.now() - PENDING_MS;
    for (const [id, p] of this.pending) {
      if (this.pending.size <= MAX_PENDING && p.since >= oldest) break;
      this.pending.delete(id);
    }
  }

  onStart(_span: Span): void {}

  onEnd(span: ReadableSpan): void {
    const traceId = span.spanContext().traceId;
    if (!isLocalRoot(span)) {
      const p = this.entry(traceId);
      if (p.spans.length < MAX_BUFFERED_SPANS) p.spans.push(span);
      return;
    }
    const p = this.pending.get(traceId);
    this.pending.delete(traceId);
    const spans = p?.spans ?? [];
    const request =
      span.attributes["switchboard.request_id"] !== undefined
        ? span
        : spans.find((s) => s.attributes["switchboard.request_id"] !== undefined);
    if (!request) return;
    const companyId = p?.companyId ?? null;
    const stored = toStoredTrace(span, spans, request, companyId);
    if (!this.worthKeeping(companyId ?? "platform", stored)) return;
    const saving = this.save(stored, this.now()).catch(() => undefined);
    this.saving.add(saving);
    void saving.finally(() => this.saving.delete(saving));
  }

  /** A 5xx always; otherwise when the bucket holds fewer than its quota in the window, or this one is slower than its fastest. */
  private worthKeeping(bucket: string, stored: StoredTrace): boolean {
    const now = this.now();
    const list = (this.kept.get(bucket) ?? []).filter(([, at]) => at > now - SLOW_WINDOW_MS);
    let keep = stored.status >= 500;
    if (list.length < SLOWEST_PER_BUCKET) keep = true;
    else {
      let fastest = 0;
      for (let i = 1; i < list.length; i++) if (list[i]![0] < list[fastest]![0]) fastest = i;
      if (stored.durationMs > list[fastest]![0]) {
        list.splice(fastest, 1);
        keep = true;
      }
    }
    if (keep && list.length < SLOWEST_PER_BUCKET) list.push([stored.durationMs, now]);
    if (list.length > 0) this.kept.set(bucket, list);
    else this.kept.delete(bucket);
    return keep;
  }

  /** Waits for the saves in flight (tests read the store right after a request). */
  async forceFlush(): Promise<void> {
    await Promise.all([...this.saving]);
  }

  async shutdown(): Promise<void> {
    await this.forceFlush();
    listenForTraceCompanies(null);
    this.pending.clear();
    return Promise.resolve();
  }
}
