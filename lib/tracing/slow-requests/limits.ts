import { redisKey } from "@/lib/redis/client";

/** How far back the store looks: the slowest requests (and every 5xx) of the last 15 minutes. */
export const SLOW_WINDOW_MS = 15 * 60_000;
/** Per instance and bucket, a request is kept when it is among this many slowest of the window (or a 5xx). */
export const SLOWEST_PER_BUCKET = 20;
/** At most this many traces per bucket in Redis (oldest dropped first); the platform-wide bucket holds more. */
export const BUCKET_CAP = 100;
export const ALL_BUCKET_CAP = 200;
/** At most this many spans of one trace are kept (the earliest-starting ones). */
export const MAX_SPANS = 150;

/** A company's bucket, `platform` for requests with no company (sign-in, platform admins), `all` for every one. */
export type TraceBucket = { companyId: string } | "platform" | "all";

export const slowTraceKeys = {
  /** ZSET of trace ids scored by when the request ended (ms). */
  bucket: (bucket: TraceBucket) => redisKey("trace", "slow", typeof bucket === "string" ? bucket : `co:${bucket.companyId}`),
  /** The stored trace (JSON), kept for the window. */
  trace: (traceId: string) => redisKey("trace", "t", traceId),
};
