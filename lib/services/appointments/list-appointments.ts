import { and, asc, eq, gte, lt } from "drizzle-orm";
import { cached } from "@/lib/cache/cached";
import { cacheKeyOf } from "@/lib/cache/cache-key-of";
import type { CachedResult } from "@/lib/cache/types";
import { getDb } from "@/lib/db/client";
import { appointments } from "@/lib/db/schema/appointments";
import { customers } from "@/lib/db/schema/customers";
import { forCompany } from "@/lib/db/tenant";
import { getCompanyTimezone } from "@/lib/services/companies/get-company-timezone";
import { businessHoursOf } from "./business-hours-of";
import { calendarColumns } from "./calendar-columns";
import { resolveCalendarRange } from "./resolve-calendar-range";
import type { CalendarItem, CalendarQuery } from "./schemas";
import { toCalendarItem } from "./to-calendar-item";

/** The most bookings one calendar answer carries; more sets `truncated` (a month of a busy clinic is far below). */
export const CALENDAR_MAX_ITEMS = 2_000;

export interface CalendarPage {
  items: CalendarItem[];
  meta: {
    from: string;
    to: string;
    timezone: string;
    businessHours: Record<string, Array<{ open: string; close: string }>>;
    businessHoursDefault: boolean;
    truncated: boolean;
    nextCursor: null;
  };
}

/**
 * The company's bookings starting in a range (at most 62 days), oldest first, with their customers;
 * from MySQL only, so it answers while Cal.com is down. Through the cache (resource "calendar",
 * L2 300 s; `appointments.updated` invalidates it). One range scan of (company_id, start_at).
 */
export async function listAppointments(
  companyId: string,
  query: CalendarQuery,
  opts: { fresh?: boolean } = {},
): Promise<CachedResult<CalendarPage>> {
  const { from, to, status, customerId } = query;
  const timezone = await getCompanyTimezone(companyId);
  const range = resolveCalendarRange(from, to, timezone);
  const key = `range:${await cacheKeyOf({ from: range.from.toISOString(), to: range.to.toISOString(), status, customerId })}`;
  return cached({ resource: "calendar", companyId, key, bypass: opts.fresh }, async () => {
    const rows = await getDb()
      .select(calendarColumns)
      .from(appointments)
      .leftJoin(customers, and(eq(customers.companyId, appointments.companyId), eq(customers.id, appointments.customerId)))
      .where(
        forCompany(
          appointments,
          companyId,
          gte(appointments.startAt, range.from),
          lt(appointments.startAt, range.to),
          status ? eq(appointments.status, status) : undefined,
          customerId ? eq(appointments.customerId, customerId) : undefined,
        ),
      )
      .orderBy(asc(appointments.startAt), asc(appointments.id))
      .limit(CALENDAR_MAX_ITEMS + 1);
    const hours = await businessHoursOf(companyId);
    return {
      items: rows.slice(0, CALENDAR_MAX_ITEMS).map(toCalendarItem),
      meta: {
        from: range.from.toISOString(),
        to: range.to.toISOString(),
        timezone,
        businessHours: hours.hours as CalendarPage["meta"]["businessHours"],
        businessHoursDefault: hours.isDefault,
        truncated: rows.length > CALENDAR_MAX_ITEMS,
        nextCursor: null,
      },
    };
  });
}
