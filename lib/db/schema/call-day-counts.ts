import { bigint, date, int, mysqlEnum, mysqlTable, primaryKey, varchar } from "drizzle-orm/mysql-core";
import { ref, timestamps } from "./util";

/**
 * What a call_day_counts row counts, and what its `value` is:
 * - `all`: every call (value "");
 * - `status`, `direction`, `sentiment`, `reason`: the calls with that column's value ("" for null);
 * - `answered`: the answered calls (lib/services/calls/answered-call.ts; value "");
 * - `booked`: the calls during which at least one appointment was booked (value "");
 * - `hour`: the calls that started in that local hour ("00" … "23"), for the hour × weekday heatmap.
 * `ms` sums duration_ms over the row's calls (the answered row's is the answered calls' talk time;
 * the booked row's is always 0).
 */
export const CALL_DAY_DIMS = ["all", "status", "direction", "sentiment", "reason", "answered", "booked", "hour"] as const;
export type CallDayDim = (typeof CALL_DAY_DIMS)[number];

/**
 * Calls per company, LOCAL day of their start (the company's time zone) and dimension: the analytics
 * and dashboard rollup, one narrow row per (dimension, value) so a new breakdown is new rows, not a
 * migration. Kept current in the same transaction as every write that creates a call or changes a
 * counted column (lib/services/calls/adjust-call-day-counts.ts, from applyRetellCall; `booked` from
 * applyBooking when a booking first names its source call), rebuilt from the raw rows when the
 * company's time zone changes, and checked against them by the `day-counts-reconcile` job.
 */
export const callDayCounts = mysqlTable(
  "call_day_counts",
  {
    companyId: ref("company_id").notNull(),
    dim: mysqlEnum("dim", CALL_DAY_DIMS).notNull(),
    /** The local calendar day, `YYYY-MM-DD`. */
    day: date("day", { mode: "string" }).notNull(),
    value: varchar("value", { length: 64 }).notNull().default(""),
    /** Signed: a lost row shows as a negative count the reconcile job repairs, never a failed write. */
    n: int("n").notNull().default(0),
    ms: bigint("ms", { mode: "number" }).notNull().default(0),
    ...timestamps,
  },
  (t) => [
    // Dimension before day: a KPI or trend reads only the dimensions it needs, each one range scan
    // of its days (a year of `answered` is 365 entries, not 365 × every dimension).
    primaryKey({ name: "call_day_counts_pk", columns: [t.companyId, t.dim, t.day, t.value] }),
  ],
);

export type CallDayCount = typeof callDayCounts.$inferSelect;
