import { char, index, mysqlEnum, mysqlTable, uniqueIndex, varchar } from "drizzle-orm/mysql-core";
import { ROLES } from "./memberships";
import { createdAt, id, instant, ref } from "./util";

/** An emailed invitation to join a company; the link carries a secret stored only as its hash. */
export const invites = mysqlTable(
  "invites",
  {
    id: id(),
    companyId: ref("company_id").notNull(),
    email: varchar("email", { length: 191 }).notNull(),
    role: mysqlEnum("role", ROLES).notNull(),
    /** SHA-256 hex of the token in the link. */
    tokenHash: char("token_hash", { length: 64 }).notNull(),
    expiresAt: instant("expires_at").notNull(),
    acceptedAt: instant("accepted_at"),
    revokedAt: instant("revoked_at"),
    invitedBy: ref("invited_by").notNull(),
    ...createdAt,
  },
  (t) => [
    // Accepting an invite finds it by the hash of the token in the link.
    uniqueIndex("invites_token_hash_uq").on(t.tokenHash),
    // The team page lists pending invites and refuses a second one for the same email.
    index("invites_company_email_idx").on(t.companyId, t.email),
  ],
);

export type Invite = typeof invites.$inferSelect;
export type NewInvite = typeof invites.$inferInsert;
