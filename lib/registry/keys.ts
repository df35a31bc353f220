import { redisKey } from "@/lib/redis/client";

/** Redis keys of the registry: one config every app instance reads, health and a round-robin counter per service. */
export const registryKeys = {
  /** The merged registry (MySQL + env), JSON, refreshed by every health round. */
  config: () => redisKey("reg", "config"),
  /** Hash: instance url → InstanceHealth (JSON). */
  health: (service: string) => redisKey("reg", "health", service),
  /** INCR per forwarded request: round robin shared by all app instances. */
  roundRobin: (service: string) => redisKey("reg", "rr", service),
};
