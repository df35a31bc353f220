import { eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { companies } from "@/lib/db/schema/companies";

/**
 * Pages render on the server from MySQL and skip the edge's limiter (which refuses a suspended
 * company's API calls), so the signed-in shell asks here before it renders a company's data.
 */
export async function isCompanySuspended(companyId: string): Promise<boolean> {
  const [row] = await getDb().select({ status: companies.status }).from(companies).where(eq(companies.id, companyId)).limit(1);
  return row?.status === "suspended";
}
