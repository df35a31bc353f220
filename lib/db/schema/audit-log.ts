import { index, mysqlTable, varchar } from "drizzle-orm/mysql-core";
import { createdAt, id, json, ref } from "./util";

/**
 * Who did what to which admin-level thing (keys, roles, tiers, settings). Append-only.
 * company_id is null for platform actions that concern no single company.
 */
export const auditLog = mysqlTable(
  "audit_log",
  {
    id: id(),
    companyId: ref("company_id"),
    actorUserId: ref("actor_user_id"),
    actorApiKeyId: ref("actor_api_key_id"),
    /** `<noun>.<verb>`, e.g. `api_key.created`, `company.tier_changed`. */
    action: varchar("action", { length: 64 }).notNull(),
    targetType: varchar("target_type", { length: 32 }),
    targetId: varchar("target_id", { length: 64 }),
    /** What changed (before/after); never a secret. */
    metadata: json<Record<string, unknown>>("metadata"),
    ip: varchar("ip", { length: 45 }),
    requestId: varchar("request_id", { length: 64 }),
    ...createdAt,
  },
  (t) => [
    // A company's audit trail, newest first (platform actions: company_id IS NULL).
    index("audit_log_company_created_idx").on(t.companyId, t.createdAt),
    // The history of one thing (a key, a member) inside a company.
    index("audit_log_company_target_idx").on(t.companyId, t.targetType, t.targetId),
  ],
);

export type AuditLogEntry = typeof auditLog.$inferSelect;
export type NewAuditLogEntry = typeof auditLog.$inferInsert;
