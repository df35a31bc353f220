import { z } from "zod";
import { defineEnv, emptyToUndefined } from "./parse";

/**
 * Redis. App code (edge and node) speaks the Upstash REST protocol; only the REST bridge and
 * background workers open TCP connections (REDIS_URL).
 */
export const redisEnv = defineEnv("redis", {
  UPSTASH_REDIS_REST_URL: z.preprocess(emptyToUndefined, z.string().url().default("http://127.0.0.1:8079")),
  UPSTASH_REDIS_REST_TOKEN: z.string().min(16, "must be set (npm run dev generates one into .data/local.env)"),
  /** Every key the app writes starts with this; tests use their own. */
  REDIS_KEY_PREFIX: z.string().default("sb:"),
});

export const redisTcpEnv = defineEnv("redis tcp", {
  REDIS_URL: z.preprocess(emptyToUndefined, z.string().url().default("redis://127.0.0.1:6379/0")),
});

export const bridgeEnv = defineEnv("redis bridge", {
  REDIS_URL: z.preprocess(emptyToUndefined, z.string().url().default("redis://127.0.0.1:6379/0")),
  BRIDGE_PORT: z.coerce.number().int().min(0).max(65535).default(8079),
  BRIDGE_HOST: z.string().default("127.0.0.1"),
  UPSTASH_REDIS_REST_TOKEN: z.string().min(16, "must be set (npm run dev generates one into .data/local.env)"),
  /** Let the bridge create this Redis ACL user (only the allowlist, only its database) and serve requests as it. */
  BRIDGE_ACL_USER: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, "letters, digits, - and _ only")
      .optional(),
  ),
});
