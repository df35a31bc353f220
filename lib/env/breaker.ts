import { z } from "zod";
import { defineEnv, emptyToUndefined } from "./parse";

/**
 * Circuit breaker settings that may come from the environment (Node runtime; see lib/breaker/policy.ts
 * for the table these adjust).
 */
export const breakerEnv = defineEnv("breaker", {
  /**
   * When set, replaces `openSec` (how long an OPEN breaker sends no calls) for EVERY dependency, the
   * table's rows and callers' overrides included. For tests and demos that want to see a breaker open
   * and recover within seconds (the e2e server sets it small); leave it unset in production, where the
   * policy table's per-dependency values apply. Whole seconds, 1 to 3600.
   */
  BREAKER_OPEN_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(3600).optional()),
});
