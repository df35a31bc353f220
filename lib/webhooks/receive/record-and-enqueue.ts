import { and, eq } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import { getDb } from "@/lib/db/client";
import { isDatabaseUnreachable } from "@/lib/db/is-database-unreachable";
import { isDuplicateKey } from "@/lib/db/is-duplicate-key";
import { PLATFORM_SCOPE, webhookEvents, type WebhookProvider } from "@/lib/db/schema/webhook-events";
import { createId } from "@/lib/ids/create-id";
import { enqueue } from "@/lib/jobs/enqueue";
import { spoolDelivery } from "../spool/spool-delivery";

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
  | { received: true; duplicate: true; id: string; requeued: boolean }
  /**
   * MySQL could not be reached: the delivery waits in Redis (lib/webhooks/spool) and is recorded under
   * `id` when MySQL is back. `duplicate`: this identity was already waiting there.
   */
  | { received: true; duplicate: boolean; id: string; spooled: true };

export interface RecordOptions {
  /** The webhook_events id to record under (a spooled delivery keeps the id it was answered with). */
  id?: string;
  /** Keep the delivery in Redis when MySQL is unreachable (default). The spool's drain passes false. */
  spool?: boolean;
}

/**
 * Records a verified delivery in webhook_events and queues `webhook-process` with the row id as the
 * job id — the receivers' one step. A duplicate (provider, scope, event_id) changes nothing and is not an
 * error, with one exception that makes a vendor's retry useful: if the earlier row is still
 * `received` (its enqueue failed after the insert, or its job vanished), it is queued again under
 * the same job id (BullMQ runs one job per id, so a job that does exist is not doubled).
 *
 * When the enqueue fails, the row stays `received` and this throws 503: the vendor retries, and
 * the retry lands in the duplicate branch above. Nothing is processed here.
 *
 * When MySQL cannot be reached, the verified delivery is kept in Redis instead (spoolDelivery) and
 * answered as received: the worker records it when MySQL returns. Only when Redis cannot keep it
 * either (down, or the spool full) does the vendor get 503 + Retry-After.
 */
export async function recordAndEnqueue(delivery: VerifiedDelivery, opts: RecordOptions = {}): Promise<ReceiveOutcome> {
  const id = opts.id ?? createId("webhookEvent");
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
    if (opts.spool !== false && isDatabaseUnreachable(err)) return spool(delivery, id, err);
    // A spooled delivery keeps its id, so its second recording (a drain that died before forgetting
    // it) meets its own row on the primary key first: the same delivery, found below by its identity.
    if (!isDuplicateKey(err, DEDUPE_INDEX) && !(opts.id && isDuplicateKey(err, "PRIMARY"))) throw err;
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

async function spool(delivery: VerifiedDelivery, id: string, dbError: unknown): Promise<ReceiveOutcome> {
  const unavailable = (cause: unknown) =>
    new ApiError("service_unavailable", "The delivery could not be recorded right now. Retry it.", {
      cause,
      headers: { "retry-after": "5" },
    });
  let outcome;
  try {
    outcome = await spoolDelivery({ ...delivery, id, spooledAt: Date.now() });
  } catch {
    throw unavailable(dbError);
  }
  if (!outcome.spooled) throw unavailable(dbError);
  return { received: true, duplicate: outcome.duplicate, id: outcome.id, spooled: true };
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
