import { and, asc, eq, lt } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { webhookEvents } from "@/lib/db/schema/webhook-events";
import { enqueue } from "@/lib/jobs/enqueue";

/**
 * Queues again deliveries that were recorded but never queued (their enqueue failed and the vendor
 * did not retry — Cal.com does not) once they are `olderThanMs` old, under their own job id (a job
 * that does exist is not doubled). The receivers already do this for a vendor's retry; this covers
 * vendors that never retry: the worker runs it as the repeatable job `webhook-requeue-stale` (every
 * 60 s). Oldest first, `limit` per run, through the (status, received_at) index.
 * Returns the ids queued.
 */
export async function requeueStaleWebhookEvents(opts: { olderThanMs?: number; limit?: number; now?: Date } = {}): Promise<string[]> {
  const before = new Date((opts.now ?? new Date()).getTime() - (opts.olderThanMs ?? 60_000));
  const rows = await getDb()
    .select({ id: webhookEvents.id, provider: webhookEvents.provider })
    .from(webhookEvents)
    .where(and(eq(webhookEvents.status, "received"), lt(webhookEvents.receivedAt, before)))
    .orderBy(asc(webhookEvents.receivedAt))
    .limit(opts.limit ?? 100);
  for (const row of rows) await enqueue("webhook-process", { webhookEventId: row.id, provider: row.provider }, { jobId: row.id });
  return rows.map((r) => r.id);
}
