import { loadCompanyRecord } from "@/lib/gateway/sync/load-company-record";

/**
 * Writes the company's committed row to its Redis edge record, so the gateway applies the tier on
 * the next request — the same read-MySQL-then-write-if-newer as the edge's miss path. Runs after
 * every subscription event, applied or not: a retry whose MySQL write had already committed still
 * repairs a write-through that failed the first time.
 */
export async function writeThroughCompany(companyId: string): Promise<void> {
  await loadCompanyRecord(companyId);
}
