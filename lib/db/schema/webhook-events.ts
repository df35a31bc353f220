import { index, int, mysqlEnum, mysqlTable, text, uniqueIndex, varchar } from "drizzle-orm/mysql-core";
import { sql } from "drizzle-orm";
import { id, instant, json, ref } from "./util";

export const WEBHOOK_PROVIDERS = ["retell", "calcom", "stripe", "sendgrid"] as const;
export type WebhookProvider = (typeof WEBHOOK_PROVIDERS)[number];

export const WEBHOOK_EVENT_STATUSES = ["received", "processing", "processed", "failed"] as const;
export type WebhookEventStatus = (typeof WEBHOOK_EVENT_STATUSES)[number];

/** `scope` of a delivery received for no company (Stripe, SendGrid's platform account). */
export const PLATFORM_SCOPE = "platform";

/**
 * Every verified webhook delivery, recorded before it is queued. Deliveries are deduped within their
 * scope — the company the delivery was received for (its URL, or the Retell account it verified
 * with), else `platform` — so a company that signs with its own secret can never pre-empt another
 * company's delivery by sending an event id first. company_id may be filled in later, when processing
 * finds the tenant (Stripe); scope never changes.
 */
export const webhookEvents = mysqlTable(
  "webhook_events",
  {
    id: id(),
    provider: mysqlEnum("provider", WEBHOOK_PROVIDERS).notNull(),
    /**
     * The provider's delivery identity: Stripe `event.id`, Retell `<event>:<call_id>`,
     * Cal.com `<triggerEvent>:<uid>:<createdAt>`, SendGrid `sg_event_id`.
     */
    eventId: varchar("event_id", { length: 255 }).notNull(),
    eventType: varchar("event_type", { length: 64 }).notNull(),
    /** The company id the delivery was received for, or `platform`: the dedupe key's tenant. */
    scope: ref("scope").notNull().default(PLATFORM_SCOPE),
    companyId: ref("company_id"),
    payload: json<Record<string, unknown>>("payload").notNull(),
    status: mysqlEnum("status", WEBHOOK_EVENT_STATUSES).notNull().default("received"),
    attempts: int("attempts", { unsigned: true }).notNull().default(0),
    lastError: text("last_error"),
    receivedAt: instant("received_at")
      .notNull()
      .default(sql`CURRENT_TIMESTAMP(3)`),
    processedAt: instant("processed_at"),
  },
  (t) => [
    // A duplicate delivery within one tenant's scope fails this insert: that is how replays and retries are recognised.
    uniqueIndex("webhook_events_provider_scope_event_uq").on(t.provider, t.scope, t.eventId),
    // The retry sweeper picks failed or stuck events, oldest first.
    index("webhook_events_status_received_idx").on(t.status, t.receivedAt),
  ],
);

export type WebhookEvent = typeof webhookEvents.$inferSelect;
export type NewWebhookEvent = typeof webhookEvents.$inferInsert;
