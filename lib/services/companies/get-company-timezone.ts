import { eq } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import { cached } from "@/lib/cache/cached";
import { getDb } from "@/lib/db/client";
import { companies } from "@/lib/db/schema/companies";
import { isTimeZone } from "@/lib/time/zoned-date-of";

/**
 * The company's IANA zone: "today", day buckets and date-only filters are in its local time. A
 * zone the runtime does not know falls back to UTC rather than failing every dashboard request.
 * Read through the cache (company settings, L2; `settings.changed` invalidates it), so the reads
 * that need it keep answering from their own cache entries while MySQL is down.
 */
export async function getCompanyTimezone(companyId: string): Promise<string> {
  const { value } = await cached({ resource: "companySettings", companyId, key: "timezone" }, async () => {
    const [row] = await getDb().select({ timezone: companies.timezone }).from(companies).where(eq(companies.id, companyId)).limit(1);
    if (!row) throw new ApiError("not_found", "Company not found.");
    return row.timezone;
  });
  return isTimeZone(value) ? value : "UTC";
}
