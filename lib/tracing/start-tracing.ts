import { context, propagation, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { IORedisInstrumentation } from "@opentelemetry/instrumentation-ioredis";
import { MySQL2Instrumentation } from "@opentelemetry/instrumentation-mysql2";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { TracerProvider, type Sampler, type SpanProcessor } from "@opentelemetry/sdk-trace";
import { ScrubRedisErrors } from "./scrub-redis-errors";
import { StripQueryStrings } from "./strip-query-strings";

export const SERVICE_NAME = "switchboard";

/**
 * The packages the instrumentations patch, loaded once through CommonJS `require` from the app's root while
 * their hooks are installed: an ESM `import` never passes those hooks (the worker under tsx, the tests), and
 * whoever loads them later gets the one patched copy. `mysql2/promise` is drizzle's entry; `mysql2` loads
 * `lib/connection.js`, the file its instrumentation patches.
 */
const PATCHED_PACKAGES = ["mysql2", "mysql2/promise", "ioredis"] as const;

function loadForPatching(): void {
  const load = process.getBuiltinModule("node:module").createRequire(`${process.cwd()}/`);
  for (const name of PATCHED_PACKAGES) {
    try {
      load(name);
    } catch {
      // Not installed where this process runs: nothing to patch.
    }
  }
}

/** `db.query.text` of an ioredis span: `EVALSHA`, `XADD` — keys hold company, user and key ids, arguments hold data. */
const redisCommandOnly = (name: string) => name.toUpperCase();

/**
 * Registers the global tracer provider with these processors, the async context that carries the
 * active span across awaits, and the official mysql2 instrumentation (statement text masked: the
 * SQL shape with `?` for every value, never a value) and ioredis instrumentation (the TCP clients: the
 * gateway's decision over TCP, the worker's BullMQ and outbox connections; the statement is the command's
 * name only, never a key or an argument, and only inside a trace: BullMQ's own polling makes no root
 * spans). It requires both packages itself, so they are patched even if something loaded them before;
 * still, scripts/worker.ts and the tests' fixture run it first.
 * Returns the provider (tests flush and shut it down).
 */
export function startTracing(spanProcessors: SpanProcessor[], sampler?: Sampler): TracerProvider {
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  const provider = new TracerProvider({
    ...(sampler ? { sampler } : {}),
    resource: resourceFromAttributes({ "service.name": process.env.OTEL_SERVICE_NAME || SERVICE_NAME }),
    // Query strings are stripped, and ioredis' error text dropped, before any exporter sees a span.
    spanProcessors: [new StripQueryStrings(), new ScrubRedisErrors(), ...spanProcessors],
  });
  trace.setGlobalTracerProvider(provider);
  // W3C Trace Context: what a request hands to the jobs it enqueues (lib/tracing/job-trace.ts).
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  // The instrumentations patch their packages as they are `require`d, through a hook on every `require`
  // of the process (require-in-the-middle) that resolves each call's module path: Next requires modules on
  // every request (its proxy, its manifests), so left in place the hook cost a tracing-on request about a
  // tenth of its CPU in profile:gateway. The packages are loaded (and patched) here, then the hook goes:
  // the patches live on in the loaded modules. Synchronous, so nothing else hooks `require` in between.
  const moduleProto = process.getBuiltinModule("node:module").Module.prototype;
  const requireBefore = moduleProto.require;
  // Enabled on construction; they take the global tracer provider set above.
  new MySQL2Instrumentation({ maskStatement: true });
  new IORedisInstrumentation({ requireParentSpan: true, dbStatementSerializer: redisCommandOnly });
  loadForPatching();
  moduleProto.require = requireBefore;
  return provider;
}
