import { z } from "zod";
import { EXPORT_KINDS } from "@/lib/db/schema/exports";
import { WEBHOOK_PROVIDERS } from "@/lib/db/schema/webhook-events";

/**
 * The queues (BullMQ) and how a worker runs each. One queue per kind of work, so a flood of
 * webhooks never delays an export and each gets its own concurrency.
 */
export const QUEUES = {
  default: { concurrency: 5 },
  health: { concurrency: 1 },
  rollups: { concurrency: 1 },
  exports: { concurrency: 2 },
  webhooks: { concurrency: 10 },
  emails: { concurrency: 5 },
} as const satisfies Record<string, { concurrency: number }>;

export type QueueName = keyof typeof QUEUES;
export const QUEUE_NAMES = Object.keys(QUEUES) as QueueName[];

const id = z.string().min(1).max(64);

/**
 * Every job type: its queue and the zod schema of its payload. Payloads carry ids, not data: a job
 * reads the current rows when it runs. `attempts` overrides the default (5, exponential backoff).
 */
export const JOBS = {
  /** Diagnostics: answers its message; can sleep, fail its first N attempts, and trace its runs. */
  echo: {
    queue: "default",
    payload: z.object({
      message: z.string().max(1_000),
      sleepMs: z.number().int().min(0).max(60_000).optional(),
      failAttempts: z.number().int().min(0).max(20).optional(),
      /** Appends `<pid>:start|done` to a Redis list named after this, so tests can see every run. */
      trace: z
        .string()
        .regex(/^[\w-]{1,64}$/)
        .optional(),
    }),
  },
  /** Health-checks every remote service instance of the registry (repeats every 30 s). */
  "registry-health-check": { queue: "health", payload: z.object({}), attempts: 1 },
  /**
   * Queues webhook deliveries that were recorded but never queued (their enqueue failed and the vendor
   * does not retry — Cal.com) once they are a minute old (repeats every minute). On the health queue
   * with the other housekeeping, so a flood of webhooks never delays it.
   */
  "webhook-requeue-stale": { queue: "health", payload: z.object({}), attempts: 1 },
  /**
   * Records the webhook deliveries spooled in Redis while MySQL was unreachable (repeats every few
   * seconds; an empty spool costs one Redis trip). lib/webhooks/spool.
   */
  "webhook-spool-drain": { queue: "health", payload: z.object({}), attempts: 1 },
  /** Folds the edge's per-second decision counts into the cluster totals (repeats every few seconds). */
  "metrics-rollup": { queue: "rollups", payload: z.object({}), attempts: 1 },
  /** Copies today's and yesterday's per-key usage counters from Redis into usage_counters (repeats every 10 minutes). */
  "key-usage-rollup": { queue: "rollups", payload: z.object({}), attempts: 1 },
  /**
   * Compares each company's current hour (the company layer's counter) with its owner's usage alert
   * threshold and queues one email an hour when it is crossed (repeats every minute; no hot-path cost).
   */
  "usage-alert-check": { queue: "rollups", payload: z.object({}), attempts: 1 },
  /**
   * Checks every company's recent daily rollups (appointment_day_counts and revenue, call_day_counts)
   * against the raw rows, fixes and
   * counts the differences (repeats every APPOINTMENT_DAY_COUNTS_RECONCILE_EVERY_MS).
   */
  "appointment-day-counts-reconcile": { queue: "rollups", payload: z.object({}), attempts: 1 },
  /** Builds a CSV export (exports row → file). */
  export: { queue: "exports", payload: z.object({ exportId: id, companyId: id, kind: z.enum(EXPORT_KINDS) }) },
  /**
   * Processes one recorded webhook delivery (webhook_events row; lib/webhooks). The vendor was told
   * 200 already and will not resend, so it keeps trying for about two minutes (1 s … 64 s apart) before
   * it becomes a dead letter.
   */
  "webhook-process": { queue: "webhooks", payload: z.object({ webhookEventId: id, provider: z.enum(WEBHOOK_PROVIDERS) }), attempts: 8 },
  /** Sends one transactional email through SendGrid (lib/jobs/handlers/email-send.ts); outlasts SendGrid's 2-minute breaker. */
  "email-send": {
    queue: "emails",
    attempts: 8,
    payload: z.object({
      template: z.enum([
        "invite",
        "export-ready",
        "password-reset",
        "payment-failed",
        "email-change",
        "email-change-notice",
        "usage-alert",
      ]),
      to: z.email(),
      companyId: id.nullable(),
      data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).default({}),
    }),
  },
} as const satisfies Record<string, { queue: QueueName; payload: z.ZodType; attempts?: number }>;

export type JobName = keyof typeof JOBS;
export type JobPayload<N extends JobName> = z.output<(typeof JOBS)[N]["payload"]>;
export type JobInput<N extends JobName> = z.input<(typeof JOBS)[N]["payload"]>;

export function isJobName(value: string): value is JobName {
  return Object.hasOwn(JOBS, value);
}

/** Retries: 5 attempts with exponential backoff from JOBS_BACKOFF_MS (1 s, 2 s, 4 s, 8 s). */
export const DEFAULT_ATTEMPTS = 5;

export function attemptsFor(name: JobName): number {
  const def = JOBS[name];
  return "attempts" in def ? def.attempts : DEFAULT_ATTEMPTS;
}
