import { eq } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import { getDb } from "@/lib/db/client";
import { companies } from "@/lib/db/schema/companies";
import { isTimeZone } from "@/lib/time/zoned-date-of";

/**
 * The company's IANA zone: "today", day buckets and date-only filters are in its local time. A
 * zone the runtime does not know falls back to UTC rather than failing every dashboard request.
 */
export async function getCompanyTimezone(companyId: string): Promise<string> {
  const [row] = await getDb().select({ timezone: companies.timezone }).from(companies).where(eq(companies.id, companyId)).limit(1);
  if (!row) throw new ApiError("not_found", "Company not found.");
  return isTimeZone(row.timezone) ? row.timezone : "UTC";
}
