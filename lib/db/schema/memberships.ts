import { index, mysqlEnum, mysqlTable, uniqueIndex } from "drizzle-orm/mysql-core";
import { id, ref, timestamps } from "./util";

/** Highest first: owner > admin > member > viewer. */
export const ROLES = ["owner", "admin", "member", "viewer"] as const;
export type Role = (typeof ROLES)[number];

/** A person's role in one company. */
export const memberships = mysqlTable(
  "memberships",
  {
    id: id(),
    companyId: ref("company_id").notNull(),
    userId: ref("user_id").notNull(),
    role: mysqlEnum("role", ROLES).notNull(),
    invitedBy: ref("invited_by"),
    ...timestamps,
  },
  (t) => [
    // One role per person per company; also serves the team list of a company.
    uniqueIndex("memberships_company_user_uq").on(t.companyId, t.userId),
    // Sign-in asks "which companies is this person in" before any company is chosen.
    index("memberships_user_idx").on(t.userId),
  ],
);

export type Membership = typeof memberships.$inferSelect;
export type NewMembership = typeof memberships.$inferInsert;
