import { char, index, mysqlEnum, mysqlTable, uniqueIndex, varchar } from "drizzle-orm/mysql-core";
import { id, instant, json, ref, timestamps } from "./util";

export const API_KEY_ENVIRONMENTS = ["live", "test"] as const;
export type ApiKeyEnvironment = (typeof API_KEY_ENVIRONMENTS)[number];

/**
 * A company's API key. The secret (`sb_live_<random>`) is shown once; only its SHA-256 is kept,
 * plus a display prefix and the last four characters so people can tell keys apart.
 */
export const apiKeys = mysqlTable(
  "api_keys",
  {
    id: id(),
    companyId: ref("company_id").notNull(),
    createdBy: ref("created_by").notNull(),
    name: varchar("name", { length: 100 }).notNull(),
    /** SHA-256 hex of the whole secret. */
    keyHash: char("key_hash", { length: 64 }).notNull(),
    /** e.g. `sb_live_abc`: enough to recognise a key, far too little to use it. */
    prefix: varchar("prefix", { length: 32 }).notNull(),
    lastFour: char("last_four", { length: 4 }).notNull(),
    environment: mysqlEnum("environment", API_KEY_ENVIRONMENTS).notNull().default("live"),
    /** Permissions such as `calls:read`; always a subset of the creator's at creation time. */
    scopes: json<string[]>("scopes").notNull(),
    expiresAt: instant("expires_at"),
    /** Written at most once a minute per key, so authentication does not write on every request. */
    lastUsedAt: instant("last_used_at"),
    revokedAt: instant("revoked_at"),
    rotatedFromId: ref("rotated_from_id"),
    rotatedToId: ref("rotated_to_id"),
    /** After a rotation the old key keeps working until then. */
    graceExpiresAt: instant("grace_expires_at"),
    ...timestamps,
  },
  (t) => [
    // Authentication finds a key by the hash of the presented secret.
    uniqueIndex("api_keys_key_hash_uq").on(t.keyHash),
    // The settings page lists a company's keys newest first, and the resource cap counts them.
    index("api_keys_company_created_idx").on(t.companyId, t.createdAt),
  ],
);

export type ApiKey = typeof apiKeys.$inferSelect;
export type NewApiKey = typeof apiKeys.$inferInsert;
