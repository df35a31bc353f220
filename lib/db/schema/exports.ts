import { index, int, mysqlEnum, mysqlTable, text, tinyint, varchar } from "drizzle-orm/mysql-core";
import { id, instant, json, ref, timestamps } from "./util";

export const EXPORT_KINDS = ["calls_csv", "analytics_csv", "customers_csv"] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export const EXPORT_STATUSES = ["queued", "running", "done", "failed"] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

/** A background export job; the worker updates progress and, when done, points at the file. */
export const exports = mysqlTable(
  "exports",
  {
    id: id(),
    companyId: ref("company_id").notNull(),
    requestedBy: ref("requested_by").notNull(),
    kind: varchar("kind", { length: 32 }).$type<ExportKind>().notNull(),
    /** The list filters the export was requested with, as the API validated them. */
    filters: json<Record<string, unknown>>("filters"),
    status: mysqlEnum("status", EXPORT_STATUSES).notNull().default("queued"),
    /** 0–100. */
    progress: tinyint("progress", { unsigned: true }).notNull().default(0),
    rowCount: int("row_count", { unsigned: true }),
    fileId: ref("file_id"),
    /** A message fit for the user; details go to the log. */
    error: text("error"),
    startedAt: instant("started_at"),
    finishedAt: instant("finished_at"),
    ...timestamps,
  },
  (t) => [
    // A company's exports, newest first; the hourly export limit counts recent ones.
    index("exports_company_created_idx").on(t.companyId, t.createdAt),
  ],
);

export type Export = typeof exports.$inferSelect;
export type NewExport = typeof exports.$inferInsert;
