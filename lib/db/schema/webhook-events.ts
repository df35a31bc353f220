import { index, int, mysqlEnum, mysqlTable, text, uniqueIndex, varchar } from "drizzle-orm/mysql-core";
import { sql } from "drizzle-orm";
import { id, instant, json, ref } from "./util";

export const WEBHOOK_PROVIDERS = ["retell", "calcom", "stripe", "sendgrid"] as const;
export type WebhookProvider = (typeof WEBHOOK_PROVIDERS)[number];

export const WEBHOOK_EVENT_STATUSES = ["received", "processing", "processed", "failed"] as const;
export type WebhookEventStatus = (typeof WEBHOOK_EVENT_STATUSES)[number];

/**
 * Every verified webhook delivery, recorded before it is queued. Not a tenant table: the tenant is
 * only known once the payload is processed (company_id is filled in then).
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
    // A duplicate delivery fails this insert: that is how replays and retries are recognised.
    uniqueIndex("webhook_events_provider_event_uq").on(t.provider, t.eventId),
    // The retry sweeper picks failed or stuck events, oldest first.
    index("webhook_events_status_received_idx").on(t.status, t.receivedAt),
  ],
);

export type WebhookEvent = typeof webhookEvents.$inferSelect;
export type NewWebhookEvent = typeof webhookEvents.$inferInsert;
