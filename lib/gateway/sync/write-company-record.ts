import type { Company } from "@/lib/db/schema/companies";
import { companyRecordFromRow, recordKeys } from "@/lib/gateway/records";
import { redisKey } from "@/lib/redis/client";
import { writeRecordIfNewer } from "./write-record-if-newer";

/**
 * Write-through after a tier, status or override change, so the edge applies it on the next request.
 * Only if newer: a Stripe handler and an admin suspending the company at the same moment cannot put
 * the older state back last.
 */
export async function writeCompanyRecord(
  row: Pick<Company, "id" | "tier" | "status" | "limitOverrides"> & { updatedAt?: Date },
): Promise<void> {
  await writeRecordIfNewer(redisKey(recordKeys.company(row.id)), companyRecordFromRow(row));
}
