import { getRedis } from "@/lib/redis/client";
import { isJobName, type QueueName } from "./definitions";
import { enqueue, type Enqueued } from "./enqueue";
import { jobKeys } from "./keys";

/** A job that failed for good: every attempt used, or a failure retrying cannot fix. */
export interface DeadLetter {
  /** `<queue>:<jobId>`: what retryDeadLetter takes. */
  key: string;
  queue: QueueName;
  jobId: string;
  name: string;
  payload: unknown;
  attemptsMade: number;
  /** The last error's message (our own text; handlers never put secrets in errors). */
  failedReason: string;
  /** Epoch ms. */
  failedAt: number;
  status: "dead" | "retried";
  /** The job id a retry was enqueued as. */
  retriedAs?: string;
}

/** Oldest entries beyond this are trimmed by the worker. */
export const DEAD_LETTER_CAP = 5_000;

function parse(value: unknown): DeadLetter | null {
  if (typeof value === "string") {
    try {
      return JSON.parse(value) as DeadLetter;
    } catch {
      return null;
    }
  }
  return value && typeof value === "object" ? (value as DeadLetter) : null;
}

/** Once per job, and never again after it was retried. */
const RECORD_ONCE = `
if redis.call("HEXISTS", KEYS[2], ARGV[1]) == 1 then return 0 end
return redis.call("HSETNX", KEYS[1], ARGV[1], ARGV[2])
`;

/**
 * Records a dead letter once: the worker's failure handler and its start-up reconciliation may both
 * see the same job, and a job already retried stays retried. Returns true when this call recorded it.
 */
export async function recordDeadLetter(entry: Omit<DeadLetter, "key" | "status">): Promise<boolean> {
  const key = `${entry.queue}:${entry.jobId}`;
  const record: DeadLetter = { ...entry, key, status: "dead" };
  const added = await getRedis().eval(RECORD_ONCE, [jobKeys.deadLetters(), jobKeys.retriedDeadLetters()], [key, JSON.stringify(record)]);
  return Number(added) === 1;
}

/** Dead letters, newest first (retried ones only when asked). */
export async function listDeadLetters(opts: { limit?: number; includeRetried?: boolean } = {}): Promise<DeadLetter[]> {
  const redis = getRedis();
  const [dead, retried] = await Promise.all([
    redis.hgetall<Record<string, unknown>>(jobKeys.deadLetters()),
    opts.includeRetried ? redis.hgetall<Record<string, unknown>>(jobKeys.retriedDeadLetters()) : null,
  ]);
  return [...Object.values(dead ?? {}), ...Object.values(retried ?? {})]
    .map(parse)
    .filter((d): d is DeadLetter => d !== null)
    .sort((a, b) => b.failedAt - a.failedAt)
    .slice(0, opts.limit ?? 100);
}

/**
 * Enqueues a dead letter's job again (fresh attempts, id `<jobId>-r<n>`) and moves the entry to the
 * retried hash, so the dead-letter count is what still needs a look. Null when unknown or already retried.
 */
export async function retryDeadLetter(key: string): Promise<Enqueued | null> {
  const redis = getRedis();
  const entry = parse(await redis.hget(jobKeys.deadLetters(), key));
  if (!entry || entry.status !== "dead" || !isJobName(entry.name)) return null;
  const base = entry.jobId.replace(/-r\d+$/, "");
  const n = Number(/-r(\d+)$/.exec(entry.jobId)?.[1] ?? 0) + 1;
  const enqueued = await enqueue(entry.name, entry.payload as never, { jobId: `${base}-r${n}` });
  const p = redis.pipeline();
  p.hset(jobKeys.retriedDeadLetters(), {
    [key]: JSON.stringify({ ...entry, status: "retried", retriedAs: enqueued.jobId } satisfies DeadLetter),
  });
  p.hdel(jobKeys.deadLetters(), key);
  await p.exec();
  return enqueued;
}
