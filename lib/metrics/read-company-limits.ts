import { recordKeys, type CompanyRecord } from "@/lib/gateway/records";
import { loadCompanyRecord } from "@/lib/gateway/sync/load-company-record";
import { getRedis, redisKey } from "@/lib/redis/client";

export interface CompanyLimitsView {
  tier: CompanyRecord["tier"];
  status: CompanyRecord["status"];
  /** Layer 3 this hour: what the company has used of its limit. */
  company: { limit: number; used: number; remaining: number; resetSec: number };
  userPerHour: number;
  endpointPerHour: CompanyRecord["limits"]["endpoint"];
  resourcePerHour: CompanyRecord["limits"]["resource"];
}

function asRecord(value: unknown): CompanyRecord | null {
  if (typeof value === "string") {
    try {
      return JSON.parse(value) as CompanyRecord;
    } catch {
      return null;
    }
  }
  return value && typeof value === "object" ? (value as CompanyRecord) : null;
}

/**
 * A company's effective limits (the record the edge decides with) and its layer-3 usage in the
 * current hour window, read from the same keys the gateway script counts in. One pipeline; MySQL
 * only when the record is not in Redis.
 */
export async function readCompanyLimits(companyId: string, nowMs = Date.now()): Promise<CompanyLimitsView | null> {
  const slot = Math.floor(nowMs / 3_600_000);
  const p = getRedis().pipeline();
  p.get(redisKey(recordKeys.company(companyId)));
  p.get(redisKey("rl", "c", companyId, slot));
  const [raw, usedRaw] = (await p.exec()) as [unknown, unknown];
  const record = asRecord(raw) ?? (await loadCompanyRecord(companyId));
  if (!record) return null;
  const limit = record.limits.companyPerHour;
  const used = Number(usedRaw ?? 0) || 0;
  return {
    tier: record.tier,
    status: record.status,
    company: { limit, used, remaining: Math.max(0, limit - used), resetSec: Math.ceil(((slot + 1) * 3_600_000 - nowMs) / 1000) },
    userPerHour: record.limits.userPerHour,
    endpointPerHour: record.limits.endpoint,
    resourcePerHour: record.limits.resource,
  };
}
