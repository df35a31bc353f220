import { and, eq } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import { getDb } from "@/lib/db/client";
import { isDuplicateKey } from "@/lib/db/is-duplicate-key";
import { PLATFORM_SCOPE, webhookEvents, type WebhookProvider } from "@/lib/db/schema/webhook-events";
import { createId } from "@/lib/ids/create-id";
import { enqueue } from "@/lib/jobs/enqueue";

/** webhook_events' unique index on (provider, scope, event_id). */
const DEDUPE_INDEX = "webhook_events_provider_scope_event_uq";

/** A verified delivery, ready to be recorded. */
export interface VerifiedDelivery {
  provider: WebhookProvider;
  /** The provider's delivery identity (webhook_events' unique key with the provider and the scope). */
  eventId: string;
  eventType: string;
  /**
   * Known at receipt for Retell (agent/number), Cal.com and a company's SendGrid URL; Stripe and the
   * platform's SendGrid find it when processing. Also the dedupe scope: the same event id received for
   * two companies is two deliveries, so one tenant can never mark another's delivery as seen.
   */
  companyId: string | null;
  /** The verified body, parsed. */
  payload: Record<string, unknown>;
}

export type ReceiveOutcome =
  | { received: true; duplicate: false; id: string }
  /** `requeued`: the earlier delivery was recorded but never queued (its enqueue failed): queued now. */
  | { received: true; duplicate: true; id: string; requeued: boolean };

/**
 * Records a verified delivery in webhook_events and queues `webhook-process` with the row id as the
 * job id — the receivers' one step. A duplicate (provider, scope, event_id) changes nothing and is not an
 * error, with one exception that makes a vendor's retry useful: if the earlier row is still
 * `received` (its enqueue failed after the insert, or its job vanished), it is queued again under
 * the same job id (BullMQ runs one job per id, so a job that does exist is not doubled).
 *
 * When the enqueue fails, the row stays `received` and this throws 503: the vendor retries, and
 * the retry lands in the duplicate branch above. Nothing is processed here.
 */
export async function recordAndEnqueue(delivery: VerifiedDelivery): Promise<ReceiveOutcome> {
  const id = createId("webhookEvent");
  const scope = delivery.companyId ?? PLATFORM_SCOPE;
  try {
    await getDb()
      .insert(webhookEvents)
      .values({
        id,
        provider: delivery.provider,
        eventId: delivery.eventId,
        eventType: delivery.eventType.slice(0, 64),
        scope,
        companyId: delivery.companyId,
        payload: delivery.payload,
      });
  } catch (err) {
    if (!isDuplicateKey(err, DEDUPE_INDEX)) throw err;
    const [existing] = await getDb()
      .select({ id: webhookEvents.id, status: webhookEvents.status })
      .from(webhookEvents)
      .where(
        and(eq(webhookEvents.provider, delivery.provider), eq(webhookEvents.scope, scope), eq(webhookEvents.eventId, delivery.eventId)),
      )
      .limit(1);
    if (!existing) throw err;
    if (existing.status !== "received") return { received: true, duplicate: true, id: existing.id, requeued: false };
    await queue(existing.id, delivery.provider);
    return { received: true, duplicate: true, id: existing.id, requeued: true };
  }
  await queue(id, delivery.provider);
  return { received: true, duplicate: false, id };
}

async function queue(webhookEventId: string, provider: WebhookProvider): Promise<void> {
  try {
    await enqueue("webhook-process", { webhookEventId, provider }, { jobId: webhookEventId });
  } catch (err) {
    throw new ApiError("service_unavailable", "The delivery was recorded but could not be queued. Retry it.", {
      cause: err,
      headers: { "retry-after": "5" },
    });
  }
}
