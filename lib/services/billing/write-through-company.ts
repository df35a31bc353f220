import { eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { companies } from "@/lib/db/schema/companies";
import { writeCompanyRecord } from "@/lib/gateway/sync/write-company-record";

/**
 * Writes the company's committed row to its Redis edge record, so the gateway applies the tier on
 * the next request. Runs after every subscription event, applied or not: a retry whose MySQL write
 * had already committed still repairs a write-through that failed the first time.
 */
export async function writeThroughCompany(companyId: string): Promise<void> {
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
  if (row) await writeCompanyRecord(row);
}
