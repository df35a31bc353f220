// App-facing job API: REST only, safe to import from route handlers (no BullMQ, no TCP).
// The worker side lives in lib/jobs/worker (BullMQ over TCP) and is started by scripts/worker.ts.
export { JOBS, QUEUES, QUEUE_NAMES, type JobInput, type JobName, type JobPayload, type QueueName } from "./definitions";
export { enqueue, type Enqueued, type EnqueueOptions } from "./enqueue";
export { listDeadLetters, retryDeadLetter, type DeadLetter } from "./dead-letters";
export { checkQueue, readQueueHealth, type QueueHealth } from "./queue-health";
export type { JobContext, JobHandler } from "./handler";
