import type { Queue } from "bullmq";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import { errorForLog } from "@/lib/log/logger";

/** One repeatable job: its scheduler id (also the job name) on its queue, every `every` ms. */
export interface Schedule {
  queue: Queue;
  id: string;
  every: number;
}

/** How often the worker checks that its schedules still exist in Redis (a flush leaves the connection up). */
export const SCHEDULE_CHECK_MS = 30_000;

const SMALL = { attempts: 1, removeOnComplete: { count: 50 }, removeOnFail: { count: 50 } };

/**
 * Registers the repeatable jobs and keeps them registered: a Redis that restarts empty (or is
 * flushed) loses them, and nothing would run the webhook sweeper, the rollup or the registry health
 * checks until the worker restarted. Each is registered again when the connection is back (`ready`)
 * and whenever the periodic check finds one missing. Registering an existing one changes nothing.
 * Returns a stop function.
 */
export async function keepSchedules(
  schedules: Schedule[],
  conn: Redis,
  log: Logger,
  checkEveryMs = SCHEDULE_CHECK_MS,
): Promise<() => void> {
  const ensure = async (reason: string) => {
    for (const s of schedules) {
      if (reason !== "start" && (await s.queue.getJobScheduler(s.id))) continue;
      await s.queue.upsertJobScheduler(s.id, { every: s.every }, { name: s.id, data: {}, opts: SMALL });
      if (reason !== "start") log.warn({ schedule: s.id, reason }, "repeatable job was missing in Redis; registered again");
    }
  };
  let running: Promise<void> = Promise.resolve();
  const check = (reason: string) => {
    running = running
      .then(() => ensure(reason))
      .catch((err: unknown) => log.warn({ ...errorForLog(err), reason }, "could not check the repeatable jobs; will retry"));
  };
  await ensure("start");
  let connected = true;
  const onClose = () => (connected = false);
  const onReady = () => {
    if (connected) return;
    connected = true;
    check("reconnected");
  };
  conn.on("close", onClose);
  conn.on("ready", onReady);
  const timer = setInterval(() => check("periodic"), checkEveryMs);
  timer.unref?.();
  return () => {
    clearInterval(timer);
    conn.off("close", onClose);
    conn.off("ready", onReady);
  };
}
