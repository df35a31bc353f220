import { requeueStaleWebhookEvents } from "@/lib/webhooks/process/requeue-stale-webhook-events";
import type { JobHandler } from "../handler";

/**
 * The webhook sweeper: queues again `received` deliveries older than a minute, under their own job id
 * (one still waiting in the outbox or the queue is not doubled). Anything it finds means an enqueue
 * failed after the row was recorded, which is worth a line in the log.
 */
export const webhookRequeueStale: JobHandler<"webhook-requeue-stale"> = async (_payload, ctx) => {
  const requeued = await requeueStaleWebhookEvents();
  if (requeued.length > 0)
    ctx.log.warn(
      { count: requeued.length, webhookEventIds: requeued.slice(0, 20) },
      "queued webhook deliveries that were recorded but never queued",
    );
  return { requeued: requeued.length };
};
