import { eq } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import { cached } from "@/lib/cache/cached";
import type { CachedResult } from "@/lib/cache/types";
import { getDb } from "@/lib/db/client";
import { companies } from "@/lib/db/schema/companies";
import { companySettings } from "@/lib/db/schema/company-settings";
import { DEFAULT_BUSINESS_HOURS } from "@/lib/services/appointments/business-hours-of";
import { fullWeek } from "./full-week";
import type { CompanySettingsView } from "./schemas";

/**
 * The company's name, time zone and business hours (the calendar's default hours while none are
 * saved), through the cache: resource `companySettings` (L2, 1800 s), invalidated by `settings.changed`.
 */
export async function getCompanySettings(companyId: string, opts: { fresh?: boolean } = {}): Promise<CachedResult<CompanySettingsView>> {
  return cached({ resource: "companySettings", companyId, key: "company", bypass: opts.fresh }, async () => {
    const [row] = await getDb()
      .select({
        id: companies.id,
        name: companies.name,
        timezone: companies.timezone,
        companyUpdatedAt: companies.updatedAt,
        hours: companySettings.businessHours,
        settingsUpdatedAt: companySettings.updatedAt,
      })
      .from(companies)
      .leftJoin(companySettings, eq(companySettings.companyId, companies.id))
      .where(eq(companies.id, companyId))
      .limit(1);
    if (!row) throw new ApiError("not_found", "Company not found.");
    const saved = row.hours && typeof row.hours === "object" && Object.keys(row.hours).length > 0;
    const updatedAt = Math.max(row.companyUpdatedAt.getTime(), row.settingsUpdatedAt?.getTime() ?? 0);
    return {
      id: row.id,
      name: row.name,
      timezone: row.timezone,
      businessHours: fullWeek(saved ? row.hours! : DEFAULT_BUSINESS_HOURS),
      businessHoursDefault: !saved,
      updatedAt: new Date(updatedAt).toISOString(),
    };
  });
}
