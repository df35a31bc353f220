import { asc, gt } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { companies } from "@/lib/db/schema/companies";
import { addDays } from "@/lib/time/add-days";
import { isTimeZone, zonedDateOf } from "@/lib/time/zoned-date-of";
import { reconcileAppointmentDayCounts } from "./reconcile-appointment-day-counts";

/** The days the reconcile job checks around each company's today: where bookings are made, moved and marked. */
export const RECONCILE_DAYS = { past: 7, ahead: 31 } as const;

const PAGE = 200;

/**
 * Checks every company's appointment_day_counts against the raw appointments for its recent local days
 * (RECONCILE_DAYS around its today) and fixes what differs, one company at a time (each in its own
 * short transaction). Returns how many companies were checked and how many rows were wrong.
 */
export async function reconcileRecentAppointmentDays(opts: { now?: Date; signal?: AbortSignal } = {}) {
  const now = opts.now ?? new Date();
  let checked = 0;
  let fixed = 0;
  let after = "";
  for (;;) {
    const page = await getDb()
      .select({ id: companies.id, timezone: companies.timezone })
      .from(companies)
      .where(gt(companies.id, after))
      .orderBy(asc(companies.id))
      .limit(PAGE);
    for (const company of page) {
      if (opts.signal?.aborted) return { checked, fixed };
      const today = zonedDateOf(now, isTimeZone(company.timezone) ? company.timezone : "UTC");
      const result = await reconcileAppointmentDayCounts(company.id, {
        from: addDays(today, -RECONCILE_DAYS.past),
        to: addDays(today, RECONCILE_DAYS.ahead),
      });
      checked++;
      fixed += result.fixed;
    }
    if (page.length < PAGE) return { checked, fixed };
    after = page.at(-1)!.id;
  }
}
