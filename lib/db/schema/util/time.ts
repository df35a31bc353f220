import { sql } from "drizzle-orm";
import { datetime } from "drizzle-orm/mysql-core";

/**
 * A UTC instant with millisecond precision. DATETIME rather than TIMESTAMP: no 2038 limit and no
 * conversion by the session time zone (the pool pins the session to UTC anyway, see lib/db/client.ts).
 */
export const instant = (name: string) => datetime(name, { mode: "date", fsp: 3 });

/** created_at / updated_at: the database fills them, drizzle bumps updated_at on every update it issues. */
export const timestamps = {
  createdAt: instant("created_at")
    .notNull()
    .default(sql`CURRENT_TIMESTAMP(3)`),
  updatedAt: instant("updated_at")
    .notNull()
    .default(sql`CURRENT_TIMESTAMP(3)`)
    .$onUpdate(() => new Date()),
};

export const createdAt = {
  createdAt: instant("created_at")
    .notNull()
    .default(sql`CURRENT_TIMESTAMP(3)`),
};
