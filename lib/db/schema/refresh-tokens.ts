import { sql } from "drizzle-orm";
import { char, index, int, mysqlTable, uniqueIndex, varchar } from "drizzle-orm/mysql-core";
import { createdAt, id, instant, ref } from "./util";

/**
 * A rotating refresh token (mobile app, scripts). Each refresh revokes the presented token and
 * issues a successor in the same family; presenting a revoked token again means it leaked, and the
 * whole family is revoked.
 */
export const refreshTokens = mysqlTable(
  "refresh_tokens",
  {
    id: id(),
    userId: ref("user_id").notNull(),
    /** Null for a platform admin's platform-scope tokens (no company). */
    companyId: ref("company_id"),
    /** SHA-256 hex of the token; the token itself is never stored. */
    tokenHash: char("token_hash", { length: 64 }).notNull(),
    familyId: ref("family_id").notNull(),
    /**
     * The person's session generation (users.session_generation) when the family signed in; a
     * rotation copies it. A refresh older than the person's current generation is refused, so
     * sign-out, a password change, a role change or a removal also ends refresh tokens.
     */
    sessionGeneration: int("session_generation", { unsigned: true }).notNull().default(0),
    /**
     * When the family signed in (a rotation copies it): no refresh after SESSION_ABSOLUTE_MAX_SECONDS
     * from it, the same absolute maximum as a dashboard session, however often the chain was refreshed.
     */
    familyStartedAt: instant("family_started_at")
      .notNull()
      .default(sql`CURRENT_TIMESTAMP(3)`),
    expiresAt: instant("expires_at").notNull(),
    revokedAt: instant("revoked_at"),
    /** The token that replaced this one on rotation. */
    replacedBy: ref("replaced_by"),
    lastUsedAt: instant("last_used_at"),
    ip: varchar("ip", { length: 45 }),
    userAgent: varchar("user_agent", { length: 255 }),
    ...createdAt,
  },
  (t) => [
    // Every refresh looks the presented token up by its hash.
    uniqueIndex("refresh_tokens_token_hash_uq").on(t.tokenHash),
    // Reuse detection revokes a whole family at once.
    index("refresh_tokens_family_idx").on(t.familyId),
    // "Sign out everywhere" and removing a member revoke all of a person's tokens.
    index("refresh_tokens_user_idx").on(t.userId, t.companyId),
  ],
);

export type RefreshToken = typeof refreshTokens.$inferSelect;
export type NewRefreshToken = typeof refreshTokens.$inferInsert;
