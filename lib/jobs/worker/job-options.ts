import type { JobsOptions } from "bullmq";
import { attemptsFor, type JobName } from "../definitions";

/**
 * Retries with exponential backoff, and how long finished jobs stay visible (and keep their id taken).
 * `trace`: the enqueuing request's trace context (lib/tracing/job-trace.ts), kept where BullMQ's own
 * telemetry keeps it, so the payload stays what its schema says.
 */
export function jobOptions(name: JobName, jobId: string, backoffMs: number, delayMs = 0, trace?: string): JobsOptions {
  return {
    jobId,
    attempts: attemptsFor(name),
    backoff: { type: "exponential", delay: backoffMs },
    delay: delayMs > 0 ? delayMs : undefined,
    // A completed job keeps its id for a day: an outbox entry moved twice within that window is one job.
    removeOnComplete: { age: 24 * 3600, count: 10_000 },
    // Failed jobs stay for a week (dead letters are also copied to the dead-letter hash).
    removeOnFail: { age: 7 * 24 * 3600, count: 10_000 },
    ...(trace ? { telemetry: { metadata: trace } } : {}),
  };
}
