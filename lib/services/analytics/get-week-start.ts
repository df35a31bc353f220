import { eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { companySettings } from "@/lib/db/schema/company-settings";

/**
 * The weekday a company's weeks start on (0 = Sunday … 6 = Saturday): `weekStart` in its settings
 * blob when set there, else Monday (ISO 8601). The product stores no locale yet, so this is the one place
 * a locale's first day of the week would be read from.
 */
export async function getWeekStart(companyId: string): Promise<number> {
  const [row] = await getDb()
    .select({ settings: companySettings.settings })
    .from(companySettings)
    .where(eq(companySettings.companyId, companyId))
    .limit(1);
  const value = row?.settings?.weekStart;
  return typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 6 ? value : 1;
}
