import { getRedis } from "@/lib/redis/client";
import { traceCarrier } from "@/lib/tracing/job-trace";
import { JOBS, type JobInput, type JobName, type QueueName } from "./definitions";
import { jobKeys } from "./keys";

export interface EnqueueOptions {
  /**
   * Deterministic id: enqueueing the same id twice runs the job once (e.g. `webhook-<eventId>`).
   * Letters, digits, `_`, `-`, `.`; no `:` (BullMQ refuses it). Default: a random id.
   */
  jobId?: string;
  /** Run no earlier than this many ms from now. */
  delayMs?: number;
}

export interface Enqueued {
  jobId: string;
  queue: QueueName;
}

const JOB_ID = /^[A-Za-z0-9_.-]{1,128}$/;

/**
 * Queues a job from app code (route handlers, services) in ONE Redis REST round trip: an XADD to the
 * outbox stream. The app never opens a TCP connection; worker processes move outbox entries into
 * BullMQ with the entry's job id, so an entry moved twice (a worker died mid-move) is still one job.
 * The payload is validated here, so a bad payload fails the request that built it, not a job later.
 */
export async function enqueue<N extends JobName>(name: N, payload: JobInput<N>, opts: EnqueueOptions = {}): Promise<Enqueued> {
  const def = JOBS[name];
  const parsed = def.payload.safeParse(payload);
  if (!parsed.success)
    throw new Error(`Invalid payload for job ${name}: ${parsed.error.issues.map((i) => i.path.join(".") || "(root)").join(", ")}`);
  const jobId = opts.jobId ?? `${name}-${crypto.randomUUID()}`;
  if (!JOB_ID.test(jobId) || /^\d+$/.test(jobId))
    throw new Error(`Invalid job id for ${name}: use letters, digits, _ - . (not only digits)`);
  const delayMs = Math.max(0, Math.floor(opts.delayMs ?? 0));
  // The request's trace (W3C traceparent), when tracing is on: the worker continues it.
  const trace = traceCarrier();
  await getRedis().xadd(jobKeys.outbox(), "*", {
    name,
    jobId,
    payload: JSON.stringify(parsed.data),
    delayMs: String(delayMs),
    enqueuedAt: String(Date.now()),
    ...(trace ? { trace } : {}),
  });
  return { jobId, queue: def.queue };
}
