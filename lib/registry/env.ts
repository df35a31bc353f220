import { z } from "zod";
import { defineEnv } from "@/lib/env/parse";

/**
 * Service discovery. Point a service at remote instances with `SERVICE_<NAME>_URLS=http://a,http://b`
 * (read by load-registry-config.ts) or with rows in services / service_instances.
 */
export const registryEnv = defineEnv("registry", {
  /** How often every instance is health-checked (TCP connect + GET /health). */
  REGISTRY_HEALTH_INTERVAL_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  /** Per check: TCP connect and the HTTP answer each get this long. */
  REGISTRY_HEALTH_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(2_000),
  /** Per forwarded request to one instance. */
  REGISTRY_FORWARD_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** Version reported for services running in-process. */
  SERVICE_VERSION: z.string().default(process.env.npm_package_version ?? "0.1.0"),
});
