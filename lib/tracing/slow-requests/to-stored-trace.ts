import { SpanStatusCode, type HrTime } from "@opentelemetry/api";
import type { ReadableSpan } from "@opentelemetry/sdk-trace";
import { MAX_SPANS } from "./limits";
import type { StoredSpan, StoredTrace } from "./stored-trace";

/**
 * The attributes a stored span keeps: what the waterfall shows. Everything else (URLs, Next's own
 * attributes, breaker names, request ids of children) stays out. The SQL text is the mysql2
 * instrumentation's masked shape (`?` for every value).
 */
const SHOWN = [
  "db.query.text",
  "db.statement",
  "db.system.name",
  "db.operation.name",
  "db.operation.batch.size",
  "switchboard.redis.commands",
  "switchboard.cache.resource",
  "switchboard.cache.status",
  "switchboard.cache.layer",
  "switchboard.vendor",
  "switchboard.breaker.state",
  "switchboard.vendor.outcome",
  "switchboard.vendor.status",
  "switchboard.route_group",
  "switchboard.job.name",
  "http.response.status_code",
] as const;
const MAX_TEXT = 600;

/** `fetch POST http://vendor/v2/bookings/<uid>/cancel` → `fetch POST http://vendor/…`: a URL's path can carry a vendor's ids. */
const shownName = (name: string) => {
  const short = name.replace(/(https?:\/\/[^/\s?#]+)[^\s]*/g, "$1/…");
  return short.length > 200 ? `${short.slice(0, 200)}…` : short;
};

const ms = (t: HrTime) => t[0] * 1_000 + t[1] / 1e6;
const round = (n: number) => Math.round(n * 100) / 100;

function shownAttributes(span: ReadableSpan): StoredSpan["attributes"] {
  const out: StoredSpan["attributes"] = {};
  for (const key of SHOWN) {
    const value = span.attributes[key];
    if (typeof value === "string") out[key] = value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT)}…` : value;
    else if (typeof value === "number" || typeof value === "boolean") out[key] = value;
  }
  return out;
}

/**
 * One request's spans (its local root and everything under it that ended first) as the store keeps
 * them: a flat list in start order, each with its parent's index, offset from the root's start and
 * duration in ms. The request itself is the span `defineRoute` opened (method, path, status, request id).
 */
export function toStoredTrace(root: ReadableSpan, spans: ReadableSpan[], request: ReadableSpan, companyId: string | null): StoredTrace {
  const rootStart = ms(root.startTime);
  const all = [root, ...spans.filter((s) => s !== root)].sort((a, b) => ms(a.startTime) - ms(b.startTime));
  const kept = all.slice(0, MAX_SPANS);
  const index = new Map(kept.map((s, i) => [s.spanContext().spanId, i]));
  const stored = kept.map<StoredSpan>((s) => ({
    name: shownName(s.name),
    parent: (s.parentSpanContext && index.get(s.parentSpanContext.spanId)) ?? null,
    offsetMs: round(ms(s.startTime) - rootStart),
    durationMs: round(ms(s.duration)),
    error: s.status.code === SpanStatusCode.ERROR,
    attributes: shownAttributes(s),
  }));
  const attr = request.attributes;
  return {
    traceId: root.spanContext().traceId,
    requestId: typeof attr["switchboard.request_id"] === "string" ? attr["switchboard.request_id"] : null,
    method: String(attr["http.request.method"] ?? ""),
    path: String(attr["url.path"] ?? ""),
    status: Number(attr["http.response.status_code"] ?? 0),
    durationMs: round(ms(root.duration)),
    startedAt: new Date(rootStart).toISOString(),
    companyId,
    spans: stored,
    droppedSpans: all.length - kept.length,
  };
}
