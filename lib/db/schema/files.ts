import { bigint, char, index, mysqlEnum, mysqlTable, varchar } from "drizzle-orm/mysql-core";
import { createdAt, id, instant, ref } from "./util";

export const FILE_STORAGES = ["local", "s3"] as const;
export type FileStorage = (typeof FILE_STORAGES)[number];

/** A stored file (an export, an upload). The bytes live on local disk or S3, never in MySQL. */
export const files = mysqlTable(
  "files",
  {
    id: id(),
    companyId: ref("company_id").notNull(),
    storage: mysqlEnum("storage", FILE_STORAGES).notNull().default("local"),
    /** Path under DATA_DIR (local) or object key (s3). */
    path: varchar("path", { length: 1024 }).notNull(),
    /** The name offered on download. */
    filename: varchar("filename", { length: 255 }).notNull(),
    contentType: varchar("content_type", { length: 127 }).notNull(),
    sizeBytes: bigint("size_bytes", { mode: "number", unsigned: true }).notNull(),
    /** Hex; checked on download so a corrupted or swapped file is never served. */
    sha256: char("sha256", { length: 64 }).notNull(),
    /** Exports are deleted by a sweeper after this. */
    expiresAt: instant("expires_at"),
    ...createdAt,
  },
  (t) => [
    // A company's files, newest first.
    index("files_company_created_idx").on(t.companyId, t.createdAt),
    // The sweeper deletes expired files across companies.
    index("files_expires_idx").on(t.expiresAt),
  ],
);

export type StoredFile = typeof files.$inferSelect;
export type NewStoredFile = typeof files.$inferInsert;
