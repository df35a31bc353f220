import { recordFallback } from "@/lib/metrics/recorder";
import { getRedis } from "@/lib/redis/client";
import { registryEnv } from "./env";
import { ServiceUnavailableError } from "./errors";
import { parseHealth } from "./instance-health";
import { registryKeys } from "./keys";
import { getServiceConfig } from "./registry-config";
import type { InstanceConfig, InstanceHealth } from "./types";

export interface ForwardOptions {
  /** Per-instance timeout (default REGISTRY_FORWARD_TIMEOUT_MS). */
  timeoutMs?: number;
  /** Path + query to call on the instance; default the request's own (the signed gateway context is bound to it). */
  path?: string;
  /**
   * Called when no instance can answer; return a Response (cached data) to serve it, marked
   * `X-Gateway-Fallback`, or null to throw the ServiceUnavailableError.
   */
  fallback?: (err: ServiceUnavailableError) => Promise<Response | null>;
}

/** Not forwarded: hop-by-hop headers, and raw credentials — the signed gateway context speaks for the caller. */
const DROP_REQUEST = new Set([
  "host",
  "connection",
  "keep-alive",
  "proxy-connection",
  "transfer-encoding",
  "upgrade",
  "te",
  "trailer",
  "content-length",
  "cookie",
  "authorization",
]);
/** fetch already decoded the body, so its encoding and length no longer hold. */
const DROP_RESPONSE = new Set(["connection", "keep-alive", "transfer-encoding", "content-encoding", "content-length"]);
/** The request surely never reached the instance: safe to try the next one whatever the method. */
const NOT_CONNECTED = new Set(["ECONNREFUSED", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN", "UND_ERR_CONNECT_TIMEOUT"]);
const IDEMPOTENT = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);
const RETRYABLE_STATUS = new Set([502, 503, 504]);

function connectErrorCode(err: unknown): string | null {
  const cause = (err as { cause?: { code?: unknown } })?.cause;
  const code = cause?.code ?? (err as { code?: unknown })?.code;
  return typeof code === "string" ? code : null;
}

async function markUnhealthy(service: string, inst: InstanceConfig, before: InstanceHealth, reason: string) {
  const after: InstanceHealth = {
    ...before,
    status: "unhealthy",
    lastCheckedAt: Date.now(),
    lastError: `forward: ${reason}`,
    consecutiveFailures: before.consecutiveFailures + 1,
  };
  await getRedis().hset(registryKeys.health(service), { [inst.url]: JSON.stringify(after) });
}

function copyResponse(res: Response): Response {
  const headers = new Headers();
  res.headers.forEach((value, key) => {
    if (!DROP_RESPONSE.has(key)) headers.append(key, value);
  });
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
}

/**
 * Step 9 of the request path: sends the request to a remote instance of `service`. Round robin over
 * the instances not marked unhealthy, with the counter in Redis (INCR, read in the same pipeline as
 * the health: one round trip), so the spread is even across all app instances. A connection failure
 * marks the instance unhealthy for everyone until the next health round and tries the next instance;
 * a 502/503/504 or a timeout tries the next one only for idempotent methods (never blind-retry a create).
 * When no instance answers: `fallback`, else ServiceUnavailableError (503 + Retry-After).
 */
export async function forwardToService(service: string, req: Request, opts: ForwardOptions = {}): Promise<Response> {
  const env = registryEnv();
  const retryAfter = Math.min(60, Math.max(1, Math.ceil(env.REGISTRY_HEALTH_INTERVAL_MS / 1000)));
  const fail = async (reason: string, cause?: unknown): Promise<Response> => {
    const err = new ServiceUnavailableError(service, reason, retryAfter, cause);
    const fallback = opts.fallback ? await opts.fallback(err) : null;
    if (!fallback) throw err;
    recordFallback(`service:${service}`);
    const res = new Response(fallback.body, fallback);
    if (!res.headers.has("x-gateway-fallback")) res.headers.set("x-gateway-fallback", "cache");
    return res;
  };

  const svc = await getServiceConfig(service);
  if (!svc || svc.mode !== "remote" || svc.instances.length === 0) throw new Error(`forwardToService: ${service} is not a remote service`);

  const p = getRedis().pipeline();
  p.hgetall(registryKeys.health(service));
  p.incr(registryKeys.roundRobin(service));
  const [rawHealth, counter] = (await p.exec()) as [Record<string, unknown> | null, number];
  const health = new Map(Object.entries(rawHealth ?? {}).map(([url, v]) => [url, parseHealth(v)]));
  // Never-checked instances ("unknown") are tried: a new instance works before its first round.
  const candidates = svc.instances.filter((i) => health.get(i.url)?.status !== "unhealthy");
  if (candidates.length === 0) return fail("no healthy instance");

  const method = req.method.toUpperCase();
  const idempotent = IDEMPOTENT.has(method);
  const body = method === "GET" || method === "HEAD" ? undefined : await req.arrayBuffer();
  const headers = new Headers();
  req.headers.forEach((value, key) => {
    if (!DROP_REQUEST.has(key)) headers.append(key, value);
  });
  const incoming = new URL(req.url);
  const path = opts.path ?? `${incoming.pathname}${incoming.search}`;
  const timeoutMs = opts.timeoutMs ?? env.REGISTRY_FORWARD_TIMEOUT_MS;

  const start = (Number(counter) - 1) % candidates.length;
  let lastReason = "no answer";
  let lastError: unknown;
  for (let k = 0; k < candidates.length; k++) {
    const inst = candidates[(start + k) % candidates.length]!;
    const last = k === candidates.length - 1;
    try {
      const res = await fetch(`${inst.url}${path}`, {
        method,
        headers,
        body,
        redirect: "manual",
        signal: AbortSignal.any([AbortSignal.timeout(timeoutMs), req.signal]),
      });
      if (RETRYABLE_STATUS.has(res.status) && idempotent && !last) {
        lastReason = `http ${res.status}`;
        await res.body?.cancel().catch(() => undefined);
        continue;
      }
      return copyResponse(res);
    } catch (err) {
      if (req.signal.aborted) throw err;
      lastError = err;
      const code = connectErrorCode(err);
      const timedOut = (err as { name?: string })?.name === "TimeoutError";
      lastReason = timedOut ? "timeout" : (code ?? "network error");
      if (code && NOT_CONNECTED.has(code)) {
        await markUnhealthy(service, inst, health.get(inst.url) ?? parseHealth(null), code).catch(() => undefined);
        continue;
      }
      // It may have reached the instance: only an idempotent request can be sent again.
      if (!idempotent) break;
    }
  }
  return fail(lastReason, lastError);
}
