import { eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { companySettings, type BusinessHours } from "@/lib/db/schema/company-settings";

/** Used until a company sets its own (Settings): weekdays 9:00–17:00 in the company's timezone. */
export const DEFAULT_BUSINESS_HOURS: BusinessHours = {
  mon: [{ open: "09:00", close: "17:00" }],
  tue: [{ open: "09:00", close: "17:00" }],
  wed: [{ open: "09:00", close: "17:00" }],
  thu: [{ open: "09:00", close: "17:00" }],
  fri: [{ open: "09:00", close: "17:00" }],
};

/** The company's opening hours, or the default (and says which). */
export async function businessHoursOf(companyId: string): Promise<{ hours: BusinessHours; isDefault: boolean }> {
  const [row] = await getDb()
    .select({ hours: companySettings.businessHours })
    .from(companySettings)
    .where(eq(companySettings.companyId, companyId))
    .limit(1);
  const hours = row?.hours;
  if (hours && typeof hours === "object" && Object.keys(hours).length > 0) return { hours, isDefault: false };
  return { hours: DEFAULT_BUSINESS_HOURS, isDefault: true };
}
