import { index, mysqlTable, uniqueIndex, varchar } from "drizzle-orm/mysql-core";
import { createdAt, id, instant, json, ref } from "./util";

/** SendGrid's event types that the timeline shows. */
export const EMAIL_EVENT_TYPES = [
  "processed",
  "delivered",
  "open",
  "click",
  "bounce",
  "dropped",
  "deferred",
  "spamreport",
  "unsubscribe",
] as const;
export type EmailEventType = (typeof EMAIL_EVENT_TYPES)[number];

/** One SendGrid event about an email the company sent (reminders, confirmations, invites). */
export const emailEvents = mysqlTable(
  "email_events",
  {
    id: id(),
    companyId: ref("company_id").notNull(),
    customerId: ref("customer_id"),
    sgMessageId: varchar("sg_message_id", { length: 128 }),
    /** SendGrid's own event id; one webhook batch holds many, and may be delivered twice. */
    sgEventId: varchar("sg_event_id", { length: 128 }),
    eventType: varchar("event_type", { length: 32 }).$type<EmailEventType>().notNull(),
    email: varchar("email", { length: 191 }).notNull(),
    /** e.g. the bounce reason or the clicked URL. */
    metadata: json<Record<string, unknown>>("metadata"),
    occurredAt: instant("occurred_at").notNull(),
    ...createdAt,
  },
  (t) => [
    // The same SendGrid event delivered twice is stored once.
    uniqueIndex("email_events_sg_event_uq").on(t.sgEventId),
    // A customer's timeline.
    index("email_events_company_customer_occurred_idx").on(t.companyId, t.customerId, t.occurredAt),
    // All events of one message (sent → delivered → opened).
    index("email_events_company_message_idx").on(t.companyId, t.sgMessageId),
    // The dashboard activity feed lists a company's newest email events (ORDER BY occurred_at DESC).
    index("email_events_company_occurred_idx").on(t.companyId, t.occurredAt),
  ],
);

export type EmailEvent = typeof emailEvents.$inferSelect;
export type NewEmailEvent = typeof emailEvents.$inferInsert;
