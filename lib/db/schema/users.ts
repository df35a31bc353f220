import { boolean, int, mysqlTable, uniqueIndex, varchar } from "drizzle-orm/mysql-core";
import { id, instant, timestamps } from "./util";

/** A person. Company access comes from memberships; platform admin is a flag, not a role. */
export const users = mysqlTable(
  "users",
  {
    id: id(),
    /** Stored lower-cased; the unicode_ci collation makes the unique index case-insensitive anyway. */
    email: varchar("email", { length: 191 }).notNull(),
    name: varchar("name", { length: 191 }).notNull(),
    /** bcrypt; null for people who only sign in through an OAuth provider. */
    passwordHash: varchar("password_hash", { length: 100 }),
    isPlatformAdmin: boolean("is_platform_admin").notNull().default(false),
    emailVerifiedAt: instant("email_verified_at"),
    lastLoginAt: instant("last_login_at"),
    /** Set to lock a person out everywhere without deleting their history. */
    disabledAt: instant("disabled_at"),
    /**
     * Bumped by sign-out, a password change, a role change, removal from a company and disabling:
     * every session cookie and access token carries the generation it was issued under, and the
     * edge refuses one older than this (mirrored to Redis as `us:<id>`, lib/gateway/records.ts).
     */
    sessionGeneration: int("session_generation", { unsigned: true }).notNull().default(0),
    ...timestamps,
  },
  (t) => [
    // Sign-in and invites look people up by email.
    uniqueIndex("users_email_uq").on(t.email),
  ],
);

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
