import type { Logger } from "pino";
import type { JobName, JobPayload, QueueName } from "./definitions";

export interface JobContext {
  jobId: string;
  queue: QueueName;
  /** 1 on the first run, 2 on the first retry … */
  attempt: number;
  maxAttempts: number;
  /** Aborted when the worker shuts down and the job is handed back to the queue: stop early, write nothing more. */
  signal: AbortSignal;
  log: Logger;
}

/**
 * A job type's work. Runs at least once (a retry or a worker crash can run it again), so it must be
 * idempotent: check state before acting, use the job id as an idempotency key with providers. Throw
 * to retry; throw `UnrecoverableError` (bullmq) when retrying cannot help.
 */
export type JobHandler<N extends JobName> = (payload: JobPayload<N>, ctx: JobContext) => Promise<unknown>;
