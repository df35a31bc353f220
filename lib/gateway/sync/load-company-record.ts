import { eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { companies } from "@/lib/db/schema/companies";
import { companyRecordFromRow, recordKeys, type CompanyRecord } from "@/lib/gateway/records";
import { redisKey } from "@/lib/redis/client";
import { writeRecordIfNewer } from "./write-record-if-newer";

/**
 * The edge missed `co:<id>` (absent, expired, or written under another policy): read MySQL and fill
 * it. A write-through (tier change) that landed after our read carries a newer version and is kept.
 * Null for an unknown company.
 */
export async function loadCompanyRecord(companyId: string): Promise<CompanyRecord | null> {
  const [row] = await getDb()
    .select({
      id: companies.id,
      tier: companies.tier,
      status: companies.status,
      limitOverrides: companies.limitOverrides,
      updatedAt: companies.updatedAt,
    })
    .from(companies)
    .where(eq(companies.id, companyId))
    .limit(1);
  if (!row) return null;
  const record = companyRecordFromRow(row);
  await writeRecordIfNewer(redisKey(recordKeys.company(companyId)), record);
  return record;
}
