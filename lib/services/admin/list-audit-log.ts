import { and, desc, eq, lt, or } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { auditLog } from "@/lib/db/schema/audit-log";
import { users } from "@/lib/db/schema/users";
import { adminAuditEntrySchema, type AdminAuditEntry, type ListAuditLogQuery } from "./schemas";

export type ListAuditLogInput = Partial<ListAuditLogQuery>;

/**
 * Every audit row across companies (platform admins), newest first, filtered by company, actor
 * (a person's or an API key's id, or a person's email) and action; keyset pages on the id, which sorts by creation time.
 */
export async function listAuditLog(input: ListAuditLogInput = {}): Promise<{ items: AdminAuditEntry[]; nextCursor: string | null }> {
  const limit = input.limit ?? 50;
  const rows = await getDb()
    .select({ entry: auditLog, actorEmail: users.email })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(
      and(
        input.companyId ? eq(auditLog.companyId, input.companyId) : undefined,
        input.actor
          ? input.actor.includes("@")
            ? eq(users.email, input.actor)
            : or(eq(auditLog.actorUserId, input.actor), eq(auditLog.actorApiKeyId, input.actor))
          : undefined,
        input.action ? eq(auditLog.action, input.action) : undefined,
        input.cursor ? lt(auditLog.id, input.cursor) : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return {
    items: page.map(({ entry, actorEmail }) =>
      adminAuditEntrySchema.parse({
        id: entry.id,
        companyId: entry.companyId,
        actorUserId: entry.actorUserId,
        actorApiKeyId: entry.actorApiKeyId,
        actorEmail: actorEmail ?? null,
        action: entry.action,
        targetType: entry.targetType,
        targetId: entry.targetId,
        metadata: entry.metadata ?? null,
        requestId: entry.requestId,
        createdAt: entry.createdAt.toISOString(),
      }),
    ),
    nextCursor: rows.length > limit ? (page.at(-1)?.entry.id ?? null) : null,
  };
}
