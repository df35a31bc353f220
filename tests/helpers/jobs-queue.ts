import { Queue } from "bullmq";
import { Redis } from "ioredis";
import type { QueueName } from "@/lib/jobs/definitions";
import { bullPrefix, jobKeys } from "@/lib/jobs/keys";
import { getRedis } from "@/lib/redis/client";

/** A BullMQ view of a queue over TCP (tests only: the app itself never opens one). */
export function inspectQueue(name: QueueName) {
  const connection = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: null });
  const queue = new Queue(name, { connection, prefix: bullPrefix() });
  return {
    queue,
    /**
     * One consistent snapshot of a job. BullMQ reads a job (HGETALL) and its state (a script) in two
     * round trips: a job that finishes between them reads as "completed" with the fields of before
     * (returnvalue null, no finishedOn). So the state is read on both sides of the hash and the
     * snapshot kept only when it did not move; a finished job's hash no longer changes.
     */
    async job(id: string) {
      for (;;) {
        const before = await queue.getJobState(id);
        const job = await queue.getJob(id);
        if (!job) return null;
        const state = await job.getState();
        if (state !== before) continue;
        return {
          state,
          attemptsMade: job.attemptsMade,
          attemptsStarted: job.attemptsStarted,
          returnvalue: job.returnvalue as unknown,
          failedReason: job.failedReason,
        };
      }
    },
    async close() {
      await queue.close();
      connection.disconnect();
    },
  };
}

/** The runs an echo job traced: `<pid>:<attempt>:start|done`. */
export async function traceOf(name: string): Promise<string[]> {
  return ((await getRedis().lrange(jobKeys.trace(name), 0, -1)) ?? []).map(String);
}

export const uniqueName = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
