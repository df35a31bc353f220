import { z } from "zod";
import { defineEnv } from "@/lib/env/parse";

/** Background jobs: retry pacing and the worker process. Every value has a working default. */
export const jobsEnv = defineEnv("jobs", {
  /** First retry delay; each next one doubles. */
  JOBS_BACKOFF_MS: z.coerce.number().int().min(1).max(600_000).default(1_000),
  /** How long SIGTERM waits for jobs in flight before handing them back to the queue. */
  WORKER_DRAIN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(25_000),
  /** Comma-separated queues this worker runs (default: all). */
  WORKER_QUEUES: z.string().default(""),
  /** Multiplies every queue's concurrency (more jobs per process). */
  WORKER_CONCURRENCY_SCALE: z.coerce.number().min(0.1).max(50).default(1),
  /** How often the metrics rollup repeats. */
  METRICS_ROLLUP_EVERY_MS: z.coerce.number().int().min(1_000).max(600_000).default(10_000),
});
