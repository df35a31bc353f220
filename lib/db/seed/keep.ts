import { sql } from "drizzle-orm";
import type { AnyMySqlColumn } from "drizzle-orm/mysql-core";

/**
 * `SET column = column` in an upsert: leaves the stored value. drizzle adds `updated_at = now()` to
 * every upsert; the seed keeps it instead, so re-runs leave rows identical.
 */
export const keep = (column: AnyMySqlColumn) => sql`${column}`;
