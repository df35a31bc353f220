import { hostname } from "node:os";
import { Queue, Worker } from "bullmq";
import type { Logger } from "pino";
import { errorForLog, logger } from "@/lib/log/logger";
import { getRedis } from "@/lib/redis/client";
import { registryEnv } from "@/lib/registry/env";
import { isJobName, JOBS, QUEUE_NAMES, QUEUES, type QueueName } from "../definitions";
import { recordDeadLetter } from "../dead-letters";
import { jobsEnv } from "../env";
import { HANDLERS } from "../handlers";
import { HEARTBEAT_MS, parseHeartbeat, type WorkerHeartbeat } from "../heartbeat";
import { bullPrefix, jobKeys } from "../keys";
import { createProcessor } from "./create-processor";
import { keepSchedules } from "./keep-schedules";
import { startOutboxMover } from "./outbox-mover";
import { trimDeadLetters } from "./trim-dead-letters";
import { tcpConnection } from "./tcp-connection";

export interface StartWorkerOptions {
  /** Queues to work (default WORKER_QUEUES, else every queue that has a handler). */
  queues?: QueueName[];
  /** First retry delay (default JOBS_BACKOFF_MS). */
  backoffMs?: number;
  /** How long close() lets jobs in flight finish before handing them back (default WORKER_DRAIN_TIMEOUT_MS). */
  drainTimeoutMs?: number;
  concurrencyScale?: number;
  heartbeatMs?: number;
  /** Register the repeatable jobs (registry health checks, metrics rollup, webhook sweeper, spool drain, day-count reconcile). Default true. */
  schedules?: boolean;
  registryHealthEveryMs?: number;
  rollupEveryMs?: number;
  /** How often the webhook sweeper looks for deliveries recorded but never queued (default WEBHOOK_SWEEP_EVERY_MS). */
  webhookSweepEveryMs?: number;
  /** How often spooled webhook deliveries are recorded (default WEBHOOK_SPOOL_DRAIN_EVERY_MS). */
  webhookSpoolDrainEveryMs?: number;
  /** How often recent appointment day counts are checked against the raw rows (default APPOINTMENT_DAY_COUNTS_RECONCILE_EVERY_MS). */
  appointmentDayCountsReconcileEveryMs?: number;
  /** How often the repeatable jobs are checked for and registered again when missing (default SCHEDULE_CHECK_MS). */
  scheduleCheckMs?: number;
  /** BullMQ job lock; a job of a worker that vanished is picked up again after it (default 30 s). */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  outboxBlockMs?: number;
  outboxClaimIdleMs?: number;
  log?: Logger;
}

export interface RunningWorker {
  id: string;
  /** Queues this process works (the outbox mover feeds all of them). */
  working: QueueName[];
  /** Stop taking jobs, let jobs in flight finish (bounded), hand back the rest, close. Idempotent. */
  close(): Promise<{ handedBack: number }>;
}

function queuesWithHandlers(): Set<QueueName> {
  return new Set(
    Object.keys(HANDLERS)
      .filter(isJobName)
      .map((name) => JOBS[name].queue),
  );
}

function selectedQueues(requested: QueueName[] | undefined): QueueName[] {
  const fromEnv = jobsEnv()
    .WORKER_QUEUES.split(",")
    .map((q) => q.trim())
    .filter(Boolean);
  const wanted = requested ?? (fromEnv.length > 0 ? fromEnv : QUEUE_NAMES);
  const runnable = queuesWithHandlers();
  return QUEUE_NAMES.filter((q) => wanted.includes(q) && runnable.has(q));
}

/** The webhook sweeper's period: it queues `received` rows older than a minute, so a minute is as often as it can find any. */
export const WEBHOOK_SWEEP_EVERY_MS = 60_000;
/** How often the worker records webhook deliveries spooled in Redis while MySQL was down. */
export const WEBHOOK_SPOOL_DRAIN_EVERY_MS = 5_000;
/** How often per-key usage is copied from Redis into MySQL: what a Redis restart can lose at most. */
export const KEY_USAGE_ROLLUP_EVERY_MS = 10 * 60_000;
/** How often the usage alerts are checked against the current hour (lib/services/billing/check-usage-alerts.ts). */
export const USAGE_ALERT_CHECK_EVERY_MS = 60_000;

/** How often the worker checks recent appointment day counts against the raw rows (they are kept on write; this only catches misses). */
export const APPOINTMENT_DAY_COUNTS_RECONCILE_EVERY_MS = 15 * 60_000;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref?.());

/**
 * A worker process's job machinery: a BullMQ Worker per queue (its concurrency from QUEUES), the
 * outbox mover, the repeatable jobs, dead letters, and a heartbeat the health view reads.
 */
export async function startWorker(opts: StartWorkerOptions = {}): Promise<RunningWorker> {
  const env = jobsEnv();
  const log = (opts.log ?? logger()).child({ component: "worker" });
  const id = `${hostname()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const backoffMs = opts.backoffMs ?? env.JOBS_BACKOFF_MS;
  const drainTimeoutMs = opts.drainTimeoutMs ?? env.WORKER_DRAIN_TIMEOUT_MS;
  const scale = opts.concurrencyScale ?? env.WORKER_CONCURRENCY_SCALE;
  const prefix = bullPrefix();
  const working = selectedQueues(opts.queues);
  const startedAt = Date.now();

  const conn = tcpConnection("queues");
  const queues = Object.fromEntries(QUEUE_NAMES.map((q) => [q, new Queue(q, { connection: conn, prefix })])) as Record<QueueName, Queue>;
  let active = 0;

  const workers = working.map((q) => {
    const processJob = createProcessor(q, log);
    const worker = new Worker(
      q,
      async (job, token, signal) => {
        active++;
        try {
          return await processJob(job, token, signal);
        } finally {
          active--;
        }
      },
      {
        connection: conn,
        prefix,
        concurrency: Math.max(1, Math.round(QUEUES[q].concurrency * scale)),
        lockDuration: opts.lockDurationMs ?? 30_000,
        stalledInterval: opts.stalledIntervalMs ?? 30_000,
      },
    );
    worker.on("failed", (job, err) => {
      if (!job) return;
      const final = typeof job.finishedOn === "number" || job.attemptsMade >= (job.opts.attempts ?? 1) || err.name === "UnrecoverableError";
      log.warn(
        { jobId: job.id, job: job.name, queue: q, attempt: job.attemptsMade, final, errorMessage: err.message },
        final ? "job failed for good" : "job failed; will retry",
      );
      // A repeatable job runs again on its schedule: a dead letter per failed round would only be noise.
      if (!final || job.repeatJobKey) return;
      void recordDeadLetter({
        queue: q,
        jobId: job.id ?? "",
        name: job.name,
        payload: job.data,
        attemptsMade: job.attemptsMade,
        failedReason: err.message.slice(0, 500),
        failedAt: job.finishedOn ?? Date.now(),
      }).catch((e) =>
        log.error({ ...errorForLog(e), jobId: job.id }, "could not record a dead letter (it stays in the queue's failed set)"),
      );
    });
    worker.on("error", (err) => log.error({ ...errorForLog(err), queue: q }, "worker error"));
    return worker;
  });

  // BullMQ's failed set holds only jobs that failed for good: record any a previous process could not
  // (it died between failing the job and writing the dead letter). Already recorded or retried ones are skipped.
  for (const q of working) {
    for (const job of await queues[q].getFailed(0, 199)) {
      if (job.repeatJobKey) continue;
      await recordDeadLetter({
        queue: q,
        jobId: job.id ?? "",
        name: job.name,
        payload: job.data,
        attemptsMade: job.attemptsMade,
        failedReason: (job.failedReason ?? "").slice(0, 500),
        failedAt: job.finishedOn ?? Date.now(),
      });
    }
  }
  await trimDeadLetters().catch(() => undefined);

  // Registered now, and again whenever Redis comes back without them (restarted empty, flushed).
  const stopSchedules =
    (opts.schedules ?? true)
      ? await keepSchedules(
          [
            {
              queue: queues.health,
              id: "registry-health-check",
              every: opts.registryHealthEveryMs ?? registryEnv().REGISTRY_HEALTH_INTERVAL_MS,
            },
            { queue: queues.rollups, id: "metrics-rollup", every: opts.rollupEveryMs ?? env.METRICS_ROLLUP_EVERY_MS },
            { queue: queues.rollups, id: "key-usage-rollup", every: KEY_USAGE_ROLLUP_EVERY_MS },
            { queue: queues.rollups, id: "usage-alert-check", every: USAGE_ALERT_CHECK_EVERY_MS },
            { queue: queues.health, id: "webhook-requeue-stale", every: opts.webhookSweepEveryMs ?? WEBHOOK_SWEEP_EVERY_MS },
            { queue: queues.health, id: "webhook-spool-drain", every: opts.webhookSpoolDrainEveryMs ?? WEBHOOK_SPOOL_DRAIN_EVERY_MS },
            {
              queue: queues.rollups,
              id: "appointment-day-counts-reconcile",
              every: opts.appointmentDayCountsReconcileEveryMs ?? APPOINTMENT_DAY_COUNTS_RECONCILE_EVERY_MS,
            },
          ],
          conn,
          log,
          opts.scheduleCheckMs,
        )
      : () => undefined;

  const mover = startOutboxMover({
    connection: tcpConnection("outbox"),
    queues,
    consumer: id,
    backoffMs,
    log,
    blockMs: opts.outboxBlockMs,
    claimIdleMs: opts.outboxClaimIdleMs,
  });

  let stopping = false;
  let closed = false;
  let beating: Promise<void> = Promise.resolve();
  const writeBeat = async () => {
    const counts: WorkerHeartbeat["counts"] = {};
    await Promise.all(
      QUEUE_NAMES.map(async (q) => {
        counts[q] = await queues[q].getJobCounts("waiting", "active", "delayed", "prioritized", "paused", "failed", "completed");
      }),
    );
    const heartbeat: WorkerHeartbeat = {
      id,
      pid: process.pid,
      host: hostname(),
      startedAt,
      beatAt: Date.now(),
      queues: working,
      counts,
      active,
      stopping,
    };
    if (!closed) await getRedis().hset(jobKeys.workers(), { [id]: JSON.stringify(heartbeat) });
  };
  // One beat at a time, so the goodbye (HDEL) can never be overtaken by a late beat.
  const beat = () => (beating = beating.then(writeBeat, writeBeat));
  // Entries of workers that vanished without saying goodbye.
  const others = (await getRedis().hgetall<Record<string, unknown>>(jobKeys.workers())) ?? {};
  const gone = Object.entries(others)
    .filter(([, v]) => Date.now() - (parseHeartbeat(v)?.beatAt ?? 0) > 5 * 60_000)
    .map(([k]) => k);
  if (gone.length > 0) await getRedis().hdel(jobKeys.workers(), ...gone);
  await beat();
  const heartbeat = setInterval(
    () => void beat().catch((err) => log.warn({ ...errorForLog(err) }, "heartbeat failed")),
    opts.heartbeatMs ?? HEARTBEAT_MS,
  );

  log.info({ workerId: id, queues: working }, "worker started");

  let closing: Promise<{ handedBack: number }> | null = null;
  const close = () =>
    (closing ??= (async () => {
      clearInterval(heartbeat);
      stopSchedules();
      stopping = true;
      // Stop fetching at once (BullMQ sets its closing flag synchronously) and stop moving the outbox.
      const finished = Promise.all(workers.map((w) => w.close()));
      const moverStopped = mover.stop();
      await beat().catch(() => undefined);
      const drained = await Promise.race([finished.then(() => true), sleep(drainTimeoutMs).then(() => false)]);
      let handedBack = 0;
      if (!drained) {
        handedBack = active;
        log.warn({ jobs: active }, "shutdown: jobs still running after the drain timeout are handed back to the queue");
        for (const w of workers) w.cancelAllJobs("worker shutting down");
        await Promise.race([finished, sleep(5_000)]);
      }
      await moverStopped;
      closed = true;
      await beating.catch(() => undefined);
      await getRedis()
        .hdel(jobKeys.workers(), id)
        .catch(() => undefined);
      await Promise.allSettled(QUEUE_NAMES.map((q) => queues[q].close()));
      conn.disconnect();
      log.info({ workerId: id, handedBack }, "worker stopped");
      return { handedBack };
    })());

  return { id, working, close };
}
