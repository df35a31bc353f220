import { sumOverCompanies } from "@/lib/services/companies/sum-over-companies";
import { addDays } from "@/lib/time/add-days";
import { reconcileAppointmentDayCounts } from "./reconcile-appointment-day-counts";

/** The days the reconcile job checks around each company's today: where bookings are made, moved and marked. */
export const RECONCILE_DAYS = { past: 7, ahead: 31 } as const;

/**
 * Checks every company's appointment_day_counts (and revenue) against the raw appointments for its
 * recent local days (RECONCILE_DAYS around its today) and fixes what differs, one company at a time
 * (each in its own short transaction). Returns how many companies were checked and how many rows were wrong.
 */
export async function reconcileRecentAppointmentDays(opts: { now?: Date; signal?: AbortSignal } = {}) {
  return sumOverCompanies(
    async (companyId, today) =>
      (
        await reconcileAppointmentDayCounts(companyId, {
          from: addDays(today, -RECONCILE_DAYS.past),
          to: addDays(today, RECONCILE_DAYS.ahead),
        })
      ).fixed,
    opts,
  );
}
