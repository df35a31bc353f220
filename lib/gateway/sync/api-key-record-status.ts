import type { ApiKeyRecord } from "@/lib/gateway/records";

/**
 * - active: works
 * - grace_period: replaced by a rotation, still works until graceExpiresAt
 * - rotated: replaced, grace over
 * - expired / revoked: refused
 */
export type ApiKeyStatus = "active" | "grace_period" | "rotated" | "expired" | "revoked";

/**
 * What the edge will do with this record at `now` (epoch ms), in the same order as the gateway
 * script checks it (revoked, then grace, then expiry). Pure and edge-safe.
 */
export function apiKeyRecordStatus(record: Pick<ApiKeyRecord, "expiresAt" | "revokedAt" | "graceExpiresAt">, now: number): ApiKeyStatus {
  if (record.revokedAt !== null && record.revokedAt <= now) return "revoked";
  if (record.graceExpiresAt !== null && record.graceExpiresAt <= now) return "rotated";
  if (record.expiresAt !== null && record.expiresAt <= now) return "expired";
  return record.graceExpiresAt !== null ? "grace_period" : "active";
}

/** True when a request with this key would be authenticated at `now`. */
export function isApiKeyUsable(status: ApiKeyStatus): boolean {
  return status === "active" || status === "grace_period";
}
