import { eq } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import { getDb } from "@/lib/db/client";
import { companies } from "@/lib/db/schema/companies";
import { companySettings } from "@/lib/db/schema/company-settings";
import { isTimeZone } from "@/lib/time/zoned-date-of";

/**
 * What booking needs from the company: its time zone and its Cal.com event type (Settings; never
 * one a request names: companies without their own Cal.com key share the platform's account). 422
 * when there is none to book in.
 */
export async function bookingSetupOf(companyId: string): Promise<{ timezone: string; eventTypeId: number }> {
  const [company] = await getDb()
    .select({ timezone: companies.timezone, eventTypeId: companySettings.calcomEventTypeId })
    .from(companies)
    .leftJoin(companySettings, eq(companySettings.companyId, companies.id))
    .where(eq(companies.id, companyId))
    .limit(1);
  if (!company) throw new ApiError("not_found", "Company not found.");
  const id = company.eventTypeId ? Number(company.eventTypeId) : NaN;
  if (!Number.isInteger(id) || id <= 0) throw new ApiError("unprocessable_entity", "Choose the Cal.com event type to book in Settings.");
  return { timezone: isTimeZone(company.timezone) ? company.timezone : "UTC", eventTypeId: id };
}
