import type { Company } from "@/lib/db/schema/companies";
import { companyRecordFromRow, recordKeys } from "@/lib/gateway/records";
import { getRedis, redisKey } from "@/lib/redis/client";

/**
 * Write-through after a tier, status or override change, so the edge applies it on the next
 * request. Unconditional: the row just committed is the newest state.
 */
export async function writeCompanyRecord(row: Pick<Company, "id" | "tier" | "status" | "limitOverrides">): Promise<void> {
  await getRedis().set(redisKey(recordKeys.company(row.id)), JSON.stringify(companyRecordFromRow(row)));
}
