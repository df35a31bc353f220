import { createHash, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { defineEnv, emptyToUndefined } from "@/lib/env/parse";

export const metricsEnv = defineEnv("metrics", {
  /** Lets a Prometheus scraper read /api/metrics with `Authorization: Bearer <token>`; unset = platform admins only. */
  METRICS_TOKEN: z.preprocess(emptyToUndefined, z.string().min(24, "must be at least 24 characters").optional()),
});

const digest = (text: string) => createHash("sha256").update(text).digest();

/**
 * Does this Authorization header carry METRICS_TOKEN? Compared in constant time (over SHA-256 digests,
 * so the length of the token does not leak either). Always false when no token is configured.
 */
export function hasMetricsToken(authorization: string | null, token = metricsEnv().METRICS_TOKEN): boolean {
  if (!token || !authorization) return false;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!m) return false;
  return timingSafeEqual(digest(m[1]!), digest(token));
}
