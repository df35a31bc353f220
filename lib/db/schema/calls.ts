import { index, int, longtext, mysqlEnum, mysqlTable, uniqueIndex, varchar } from "drizzle-orm/mysql-core";
import { id, instant, json, ref, timestamps } from "./util";

export const CALL_DIRECTIONS = ["inbound", "outbound"] as const;
export type CallDirection = (typeof CALL_DIRECTIONS)[number];

/** Retell's call_status values. */
export const CALL_STATUSES = ["registered", "ongoing", "ended", "error"] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];

export const SENTIMENTS = ["positive", "neutral", "negative", "unknown"] as const;
export type Sentiment = (typeof SENTIMENTS)[number];

/** Retell's call_analysis, kept whole; `sentiment` is copied out of it into its own column for filters. */
export type CallAnalysis = {
  call_summary?: string;
  user_sentiment?: string;
  call_successful?: boolean;
  in_voicemail?: boolean;
  custom_analysis_data?: Record<string, unknown>;
};

/**
 * A phone call handled by the voice agent, written by Retell webhooks. Transcript search uses the
 * FULLTEXT index `calls_transcript_ft`, created by a hand-written migration in drizzle/.
 */
export const calls = mysqlTable(
  "calls",
  {
    id: id(),
    companyId: ref("company_id").notNull(),
    retellCallId: varchar("retell_call_id", { length: 64 }).notNull(),
    customerId: ref("customer_id"),
    agentId: varchar("agent_id", { length: 64 }),
    direction: mysqlEnum("direction", CALL_DIRECTIONS).notNull(),
    status: mysqlEnum("status", CALL_STATUSES).notNull(),
    fromNumber: varchar("from_number", { length: 20 }),
    toNumber: varchar("to_number", { length: 20 }),
    /** When the call started, or when it was registered if it has not started: never null, so it can key pagination. */
    startedAt: instant("started_at").notNull(),
    endedAt: instant("ended_at"),
    durationMs: int("duration_ms", { unsigned: true }),
    transcript: longtext("transcript"),
    recordingUrl: varchar("recording_url", { length: 1024 }),
    disconnectionReason: varchar("disconnection_reason", { length: 64 }),
    sentiment: mysqlEnum("sentiment", SENTIMENTS),
    analysis: json<CallAnalysis>("analysis"),
    costCents: int("cost_cents", { unsigned: true }),
    ...timestamps,
  },
  (t) => [
    // Webhooks (call_started → call_ended → call_analyzed) upsert by Retell's id.
    uniqueIndex("calls_retell_call_uq").on(t.retellCallId),
    // The call list: keyset pagination newest first by (started_at, id); also every analytics date range.
    index("calls_company_started_idx").on(t.companyId, t.startedAt, t.id),
    // The call list filtered by status, in time order.
    index("calls_company_status_started_idx").on(t.companyId, t.status, t.startedAt),
    // The call list filtered by direction, in time order; answer rate counts inbound calls.
    index("calls_company_direction_started_idx").on(t.companyId, t.direction, t.startedAt),
    // The call list filtered by sentiment, in time order.
    index("calls_company_sentiment_started_idx").on(t.companyId, t.sentiment, t.startedAt),
    // A customer's timeline and the call list filtered by customer.
    index("calls_company_customer_started_idx").on(t.companyId, t.customerId, t.startedAt),
    // Dashboard and analytics aggregates over a date range read only these columns: answered-ness and
    // duration come from the index alone instead of a row per call (90 days of 1 M calls: 3.1 s → 0.2 s).
    index("calls_company_started_cover_idx").on(t.companyId, t.startedAt, t.status, t.durationMs, t.disconnectionReason),
  ],
);

export type Call = typeof calls.$inferSelect;
export type NewCall = typeof calls.$inferInsert;
