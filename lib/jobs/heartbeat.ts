import type { QueueName } from "./definitions";

/** What each worker process writes into the workers hash every few seconds. */
export interface WorkerHeartbeat {
  id: string;
  pid: number;
  host: string;
  /** Epoch ms. */
  startedAt: number;
  beatAt: number;
  queues: QueueName[];
  /** Jobs per state per queue (BullMQ getJobCounts) when this worker last looked. */
  counts: Partial<Record<QueueName, Record<string, number>>>;
  /** Jobs this process is running right now. */
  active: number;
  /** Shutting down: takes no new job, finishing (or handing back) the ones in flight. */
  stopping?: boolean;
}

/** Heartbeat period; a worker silent for STALE_AFTER_MS is considered gone. */
export const HEARTBEAT_MS = 5_000;
export const STALE_AFTER_MS = 30_000;

export function parseHeartbeat(value: unknown): WorkerHeartbeat | null {
  if (typeof value === "string") {
    try {
      return JSON.parse(value) as WorkerHeartbeat;
    } catch {
      return null;
    }
  }
  return value && typeof value === "object" ? (value as WorkerHeartbeat) : null;
}
