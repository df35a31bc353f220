import { SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { TRACER_NAME } from "./tracer";

/** What `@upstash/redis` hands a middleware (`Redis#use`): the command array, or for a pipeline an array of them. */
interface RedisRequest {
  path?: string[];
  body?: unknown;
}

const COMMAND = /^[A-Za-z][A-Za-z0-9._|-]{0,31}$/;
/** A pipeline's span lists at most this many command names. */
const MAX_LISTED = 20;

/** A command's name only (`GET`, `EVALSHA`): never a key (keys hold company, user and key ids) nor a value. */
function commandName(command: unknown): string {
  const first = Array.isArray(command) ? command[0] : undefined;
  return typeof first === "string" && COMMAND.test(first) ? first.toUpperCase() : "OTHER";
}

function describe(req: RedisRequest): { name: string; attributes: Record<string, string | number> } {
  const batch = req.path?.[0] === "pipeline" ? "PIPELINE" : req.path?.[0] === "multi-exec" ? "MULTI" : null;
  const base = { "db.system.name": "redis" };
  // The client's auto-pipelining sends a lone command as a pipeline of one: name it as the command.
  const lone = batch === "PIPELINE" && Array.isArray(req.body) && req.body.length === 1 ? req.body[0] : null;
  if (lone || !batch || !Array.isArray(req.body)) {
    const op = commandName(lone ?? req.body);
    return { name: `redis ${op}`, attributes: { ...base, "db.operation.name": op } };
  }
  const names = req.body.map(commandName);
  return {
    name: `redis ${batch}`,
    attributes: {
      ...base,
      "db.operation.name": batch,
      "db.operation.batch.size": names.length,
      "switchboard.redis.commands": names.slice(0, MAX_LISTED).join(" "),
    },
  };
}

function failed(res: unknown): boolean {
  if (Array.isArray(res)) return res.some((r) => Boolean((r as { error?: unknown } | null)?.error));
  return Boolean((res as { error?: unknown } | null)?.error);
}

/**
 * `@upstash/redis` middleware (installed by lib/redis/client.ts): each REST trip inside a recording
 * trace becomes a `redis <COMMAND>` span (or `redis PIPELINE` / `redis MULTI` with the command names)
 * with the command's name only — never a key or a value, never Redis' error text. Outside a recording
 * span (tracing off, or background flushes with no request) it only calls through. Edge-safe: the API only.
 */
export async function traceRedisCall<R>(req: RedisRequest, next: (req: RedisRequest) => Promise<R>): Promise<R> {
  if (!trace.getActiveSpan()?.isRecording()) return next(req);
  const { name, attributes } = describe(req);
  return trace.getTracer(TRACER_NAME).startActiveSpan(name, { kind: SpanKind.CLIENT, attributes }, async (span) => {
    try {
      const res = await next(req);
      if (failed(res)) span.setStatus({ code: SpanStatusCode.ERROR, message: "redis error" });
      return res;
    } catch (err) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.name : "error" });
      throw err;
    } finally {
      span.end();
    }
  });
}
