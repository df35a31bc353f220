import { redisKey } from "@/lib/redis/client";

/** How long a per-second bucket lives: the live view reads the last 60 s; the rollup the last 110 s. */
export const SECOND_BUCKET_TTL_SECONDS = 120;

/**
 * Redis keys of the live metrics. Per-second hashes are written by every app instance's once-a-second
 * flush (HINCRBY, so instances add up) and by the edge gateway's decision script (gw:stats).
 */
export const metricsKeys = {
  /** Route-handler traffic of one second, all companies: n, ms, s:<class>, h:<bucket>, g:<group>, c:<resource>:<result>, f:<dependency>. */
  second: (sec: number) => redisKey("m", "s", sec),
  /** One company's route-handler traffic of one second: n, ms, s:<class>, h:<bucket>, g:<group>. */
  companySecond: (companyId: string, sec: number) => redisKey("m", "co", companyId, sec),
  /** Monotonic cluster-wide counters (Prometheus): req|<group>|<class>, cache|<resource>|<result>, fallback|<dependency>, rollup|<rollup>. */
  totals: () => redisKey("m", "totals"),
  /** The edge gateway's per-second decision counts (written by lib/gateway/rate-limit/script.ts). */
  edgeSecond: (sec: number) => redisKey("gw", "stats", sec),
  /** One company's edge decisions of one minute (written by the gateway script; see its companyMinute). */
  companyMinute: (companyId: string, minute: number) => redisKey("gw", "cm", companyId, minute),
  /** Cluster-wide totals of the edge decisions, rolled up from edgeSecond (see rollup-edge-stats.ts). */
  edgeTotals: () => redisKey("gw", "totals"),
};
