import { redisEnv } from "@/lib/env/redis";
import { redisKey } from "@/lib/redis/client";

/** Redis keys of the job system outside BullMQ's own layout. */
export const jobKeys = {
  /** Stream the app XADDs jobs to (one REST trip); workers move entries into BullMQ. */
  outbox: () => redisKey("jobs", "outbox"),
  /** Hash `<queue>:<jobId>` → dead-letter record (JSON). */
  deadLetters: () => redisKey("jobs", "dead"),
  /** Hash of dead letters that were retried (moved out of deadLetters, kept for history). */
  retriedDeadLetters: () => redisKey("jobs", "dead", "retried"),
  /** Hash `<workerId>` → heartbeat (JSON), written every few seconds by each worker process. */
  workers: () => redisKey("jobs", "workers"),
  /** List of `<pid>:start|done` written by echo jobs that ask for a trace (diagnostics, tests). */
  trace: (name: string) => redisKey("jobs", "trace", name),
};

/** The consumer group of the outbox stream: every worker process is one consumer in it. */
export const OUTBOX_GROUP = "movers";

/** BullMQ keys live under the app's prefix too (`sb:bull:<queue>:…`), so tests and tenants of one Redis never mix. */
export function bullPrefix(): string {
  return `${redisEnv().REDIS_KEY_PREFIX}bull`;
}
