import type { Span, SpanProcessor } from "@opentelemetry/sdk-trace";

/** Attributes that hold a URL or a request target, ours or Next's and its fetch spans' (old and new semconv). */
const URL_ATTRIBUTES = ["http.target", "http.url", "url.full", "url.query"] as const;

/** `/a?b=c` → `/a?…`: the path stays, the values (search terms, emails, tokens) go. */
export function withoutQuery(value: string): string {
  const at = value.indexOf("?");
  return at === -1 ? value : `${value.slice(0, at)}?…`;
}

/**
 * Runs before the exporting processor: strips the query string from every URL a span carries —
 * Next's own server span (`http.target`) and its fetch spans (`http.url`, and the name) included —
 * so a search term, an email or a token in a query never leaves the process.
 */
export class StripQueryStrings implements SpanProcessor {
  onStart(span: Span): void {
    strip(span);
  }
  onEnding(span: Span): void {
    strip(span);
  }
  onEnd(): void {}
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

function strip(span: Span): void {
  if (span.name.includes("?")) span.updateName(withoutQuery(span.name));
  for (const key of URL_ATTRIBUTES) {
    const value = span.attributes[key];
    if (typeof value === "string" && value.includes("?")) span.setAttribute(key, key === "url.query" ? "…" : withoutQuery(value));
  }
}
