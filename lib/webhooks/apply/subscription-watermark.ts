import { and, eq, sql } from "drizzle-orm";
import { webhookEvents } from "@/lib/db/schema/webhook-events";
import type { Tx } from "@/lib/db/tenant";
import { createId } from "@/lib/ids/create-id";

/** The newest subscription event applied to a company: Stripe's `created` (epoch s) and event id. */
export interface SubscriptionStamp {
  created: number;
  eventId: string;
}

/**
 * Where the stamp lives: one row per company in webhook_events (provider `stripe`, event_id
 * `watermark:subscription:<companyId>`, status `processed`), found through the (provider,
 * event_id) unique index and locked with the company's transaction. It is not a delivery; a
 * `stripe_subscription_event_at` column on companies would be its natural home once the schema
 * gets one.
 */
const watermarkId = (companyId: string) => `watermark:subscription:${companyId}`;
const WATERMARK_TYPE = "watermark.subscription";

export async function readSubscriptionStamp(tx: Tx, companyId: string): Promise<SubscriptionStamp | null> {
  const [row] = await tx
    .select({ payload: webhookEvents.payload })
    .from(webhookEvents)
    .where(and(eq(webhookEvents.provider, "stripe"), eq(webhookEvents.eventId, watermarkId(companyId))))
    .limit(1)
    .for("update");
  const created = row?.payload.created;
  return typeof created === "number" ? { created, eventId: String(row?.payload.eventId ?? "") } : null;
}

export async function writeSubscriptionStamp(tx: Tx, companyId: string, stamp: SubscriptionStamp): Promise<void> {
  const payload = { created: stamp.created, eventId: stamp.eventId };
  await tx
    .insert(webhookEvents)
    .values({ id: createId("webhookEvent"), provider: "stripe", eventId: watermarkId(companyId), eventType: WATERMARK_TYPE, companyId, payload, status: "processed", processedAt: new Date() })
    .onDuplicateKeyUpdate({ set: { payload: sql`VALUES(${webhookEvents.payload})`, processedAt: new Date() } });
}
