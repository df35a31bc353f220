import type { ApiKey } from "@/lib/db/schema/api-keys";
import type { ApiKeyRecord } from "@/lib/gateway/records";

export type ApiKeyRecordSource = Pick<
  ApiKey,
  "id" | "companyId" | "scopes" | "environment" | "expiresAt" | "revokedAt" | "graceExpiresAt"
> & { updatedAt?: Date };

const ms = (d: Date | null) => (d ? d.getTime() : null);

/** The Redis record the edge authenticates an API key with: ids, scopes and times, never the secret. */
export function apiKeyRecordFromRow(row: ApiKeyRecordSource): ApiKeyRecord {
  return {
    id: row.id,
    companyId: row.companyId,
    scopes: [...row.scopes],
    environment: row.environment,
    expiresAt: ms(row.expiresAt),
    revokedAt: ms(row.revokedAt),
    graceExpiresAt: ms(row.graceExpiresAt),
    ver: row.updatedAt?.getTime() ?? 0,
  };
}
