import type { HealthScope } from "@/lib/metrics/health-scope";
import { getRedis } from "@/lib/redis/client";
import { SLOW_WINDOW_MS, slowTraceKeys } from "./limits";
import { storedTraceSchema, type StoredTrace } from "./stored-trace";

/** How many of each list the health page gets. */
export const LISTED = 20;

export interface SlowRequests {
  /** The slowest requests of the window, slowest first (5xx included). */
  slowest: StoredTrace[];
  /** The 5xx answers of the window, newest first. */
  errors: StoredTrace[];
}

/**
 * The stored traces a health scope may see: a platform admin every company's and the platform's own
 * (or one company's with `?companyId=`), a company admin only their company's bucket — and each trace
 * is checked to belong to it, so no other tenant's SQL shapes or ids can reach them. Two Redis trips.
 */
export async function listSlowRequests(scope: HealthScope, now = Date.now()): Promise<SlowRequests> {
  const redis = getRedis();
  const key = slowTraceKeys.bucket(scope.kind === "platform" ? "all" : { companyId: scope.companyId });
  const ids = await redis.zrange<string[]>(key, now - SLOW_WINDOW_MS, "+inf", { byScore: true });
  if (ids.length === 0) return { slowest: [], errors: [] };
  const raw = await redis.mget<unknown[]>(...ids.map((id) => slowTraceKeys.trace(id)));
  const traces = raw.flatMap((value) => {
    const parsed = storedTraceSchema.safeParse(typeof value === "string" ? safeJson(value) : value);
    if (!parsed.success) return [];
    if (scope.kind === "company" && parsed.data.companyId !== scope.companyId) return [];
    return [parsed.data];
  });
  return {
    slowest: [...traces].sort((a, b) => b.durationMs - a.durationMs).slice(0, LISTED),
    errors: traces
      .filter((t) => t.status >= 500)
      .sort((a, b) => b.startedAt.localeCompare(a.startedAt))
      .slice(0, LISTED),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
