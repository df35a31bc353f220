import { bigint, date, mysqlTable, primaryKey, varchar } from "drizzle-orm/mysql-core";
import { ref, timestamps } from "./util";

/**
 * What a counter counts, and what its dimension holds. Each metric is counted once per request or
 * call, so summing one metric over its dimensions never double-counts.
 */
export const USAGE_METRICS = {
  /** All API requests; dimension ''. */
  api_requests: "",
  /** API requests by credential; dimension = API key id, or 'session' for people. */
  api_requests_by_key: "api key id | session",
  /** An API key's requests by outcome (rolled up from the gateway's counters); dimension = `<keyId>:ok|refused|limited:<layer>`. */
  api_key_outcomes: "api key id : outcome",
  /** API requests by endpoint group; dimension = group (calls, customers …). */
  api_requests_by_endpoint: "endpoint group",
  /** Billable call minutes, rounded up per call; dimension ''. */
  call_minutes: "",
  /** Calls handled; dimension = direction. */
  calls: "inbound | outbound",
  /** Emails sent through SendGrid; dimension ''. */
  emails_sent: "",
} as const;
export type UsageMetric = keyof typeof USAGE_METRICS;

/**
 * Daily usage per company, flushed from Redis counters by a rollup job with
 * `INSERT … ON DUPLICATE KEY UPDATE value = value + VALUES(value)`.
 */
export const usageCounters = mysqlTable(
  "usage_counters",
  {
    companyId: ref("company_id").notNull(),
    /** UTC day, `YYYY-MM-DD`. */
    day: date("day", { mode: "string" }).notNull(),
    metric: varchar("metric", { length: 32 }).$type<UsageMetric>().notNull(),
    dimension: varchar("dimension", { length: 64 }).notNull().default(""),
    value: bigint("value", { mode: "number", unsigned: true }).notNull().default(0),
    ...timestamps,
  },
  (t) => [
    // The natural key is the primary key: rollups upsert into it, and rows of one company's days sit
    // together on disk, so billing's date-range reads are one range scan.
    primaryKey({ name: "usage_counters_pk", columns: [t.companyId, t.day, t.metric, t.dimension] }),
  ],
);

export type UsageCounter = typeof usageCounters.$inferSelect;
export type NewUsageCounter = typeof usageCounters.$inferInsert;
