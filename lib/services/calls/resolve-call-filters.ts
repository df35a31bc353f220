import { ApiError } from "@/lib/api/errors";
import { getCompanyTimezone } from "@/lib/services/companies/get-company-timezone";
import { addDays } from "@/lib/time/add-days";
import { zonedDayStart } from "@/lib/time/zoned-day-start";
import type { CallFilters } from "./schemas";

/** Filters with the time range as UTC instants: `from` inclusive, `to` exclusive. */
export type ResolvedCallFilters = Omit<CallFilters, "from" | "to"> & { from?: Date; to?: Date };

const isDay = (v: string) => v.length === 10;

/**
 * Turns `from`/`to` into instants. A day (`YYYY-MM-DD`) is the company's local day: `from` starts
 * at its midnight and `to` includes it whole, so `from=2026-03-01&to=2026-03-31` is March in the
 * company's timezone. The timezone is read only when a day was given.
 */
export async function resolveCallFilters(companyId: string, filters: CallFilters): Promise<ResolvedCallFilters> {
  const { from, to, ...rest } = filters;
  const tz = (from && isDay(from)) || (to && isDay(to)) ? await getCompanyTimezone(companyId) : "UTC";
  const resolved: ResolvedCallFilters = {
    ...rest,
    ...(from ? { from: isDay(from) ? zonedDayStart(from, tz) : new Date(from) } : {}),
    ...(to ? { to: isDay(to) ? zonedDayStart(addDays(to, 1), tz) : new Date(to) } : {}),
  };
  if (resolved.from && resolved.to && resolved.from.getTime() >= resolved.to.getTime()) {
    throw new ApiError("validation_failed", "`from` must be before `to`.", {
      details: [{ field: "to", message: "Must be after `from`.", code: "invalid_range" }],
    });
  }
  return resolved;
}
