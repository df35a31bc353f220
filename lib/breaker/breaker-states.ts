import { getRedis } from "@/lib/redis/client";
import { breakerPolicy } from "./breaker-policy";
import { breakerKeys } from "./keys";
import { BREAKER_POLICIES, type BreakerPolicy } from "./policy";
import type { BreakerState } from "./types";

export interface BreakerSnapshot {
  name: string;
  /** As the next call would see it: an OPEN breaker whose period is over reads HALF-OPEN. */
  state: BreakerState;
  /** When the last transition happened (epoch ms), null if never. */
  since: number | null;
  cause: string | null;
  /** End of the open period (epoch ms) while OPEN. */
  openUntil: number | null;
  failuresInWindow: number;
  probesInFlight: number;
  policy: BreakerPolicy;
}

/**
 * Every breaker for the live health view: the configured dependencies plus any other that ever
 * failed (remote service instances). Two Redis trips: the names, then one pipeline for all states.
 */
export async function breakerStates(now = Date.now()): Promise<BreakerSnapshot[]> {
  const redis = getRedis();
  const seen = await redis.smembers(breakerKeys.names());
  const names = [...new Set([...Object.keys(BREAKER_POLICIES), ...seen.map(String)])].sort();
  if (names.length === 0) return [];
  const pipeline = redis.pipeline();
  for (const name of names) {
    const policy = breakerPolicy(name);
    pipeline.hgetall(breakerKeys.state(name));
    pipeline.zcount(breakerKeys.failures(name), now - policy.windowSec * 1000 + 1, "+inf");
    pipeline.zcount(breakerKeys.probes(name), now - policy.timeoutMs - 1000 + 1, "+inf");
  }
  const replies = await pipeline.exec<unknown[]>();
  return names.map((name, i) => {
    const hash = (replies[i * 3] ?? {}) as Record<string, unknown>;
    const stored = (hash.state ? String(hash.state) : "closed") as BreakerState;
    const openUntil = hash.openUntil === undefined || hash.openUntil === null ? null : Number(hash.openUntil);
    const state: BreakerState = stored === "open" && openUntil !== null && now >= openUntil ? "half_open" : stored;
    return {
      name,
      state,
      since: hash.changedAt === undefined || hash.changedAt === null ? null : Number(hash.changedAt),
      cause: hash.cause === undefined || hash.cause === null ? null : String(hash.cause),
      openUntil: stored === "open" ? openUntil : null,
      failuresInWindow: stored === "closed" ? Number(replies[i * 3 + 1] ?? 0) : 0,
      probesInFlight: stored === "half_open" ? Number(replies[i * 3 + 2] ?? 0) : 0,
      policy: breakerPolicy(name),
    };
  });
}
