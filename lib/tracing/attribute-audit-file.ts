import { createWriteStream, type WriteStream } from "node:fs";
import type { ReadableSpan, Span, SpanProcessor } from "@opentelemetry/sdk-trace";

/**
 * A test aid (TRACING_AUDIT_FILE, set by the e2e server): appends every ended span's trace id, name,
 * status message, attributes and events' attributes, one JSON line each, to a file — what an exporter would
 * send, so tests/e2e/span-attributes.teardown.ts can check a whole e2e run for secrets, tokens,
 * passwords, SQL values and bodies.
 */
export class AttributeAuditFile implements SpanProcessor {
  private readonly out: WriteStream;

  constructor(path: string) {
    this.out = createWriteStream(path, { flags: "a" });
  }

  onStart(_span: Span): void {}

  onEnd(span: ReadableSpan): void {
    const line = {
      traceId: span.spanContext().traceId,
      name: span.name,
      status: span.status.message ?? null,
      attributes: span.attributes,
      events: span.events.map((e) => ({ name: e.name, attributes: e.attributes ?? {} })),
      resource: span.resource.attributes,
    };
    this.out.write(`${JSON.stringify(line)}\n`);
  }

  forceFlush(): Promise<void> {
    return new Promise((resolve) => (this.out.writableNeedDrain ? this.out.once("drain", resolve) : resolve()));
  }

  shutdown(): Promise<void> {
    return new Promise((resolve) => this.out.end(resolve));
  }
}
