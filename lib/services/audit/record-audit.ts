import { getDb } from "@/lib/db/client";
import { auditLog } from "@/lib/db/schema/audit-log";
import type { DbExecutor } from "@/lib/db/tenant";
import { createId } from "@/lib/ids/create-id";
import type { Actor } from "./actor-from-caller";

export interface AuditEntry {
  /** The company the action concerns; null for platform actions that concern none. */
  companyId: string | null;
  actor: Pick<Actor, "userId" | "apiKeyId" | "ip" | "requestId">;
  /** `<noun>.<verb>`: `api_key.created`, `company.tier_changed`. */
  action: string;
  targetType: string;
  targetId: string;
  /** What changed. Never a secret, a hash or a password. */
  metadata?: Record<string, unknown>;
  at?: Date;
}

/** Appends one audit_log row; pass the transaction so the row commits with the change it records. */
export async function recordAudit(entry: AuditEntry, db: DbExecutor = getDb()): Promise<string> {
  const id = createId("audit", { at: entry.at });
  await db.insert(auditLog).values({
    id,
    companyId: entry.companyId,
    actorUserId: entry.actor.userId,
    actorApiKeyId: entry.actor.apiKeyId,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    metadata: entry.metadata ?? null,
    ip: entry.actor.ip?.slice(0, 45) ?? null,
    requestId: entry.actor.requestId?.slice(0, 64) ?? null,
    ...(entry.at ? { createdAt: entry.at } : {}),
  });
  return id;
}
