import type { Tx } from "@/lib/db/tenant";
import { reconcileAppointmentDayCounts, type DayCountsReconciled } from "./reconcile-appointment-day-counts";

/**
 * Recomputes all of a company's appointment_day_counts from its raw appointments in one transaction:
 * after its time zone changed (every local day moves; pass the transaction that changed it, so the
 * new zone and its counts commit together), and after a bulk insert that bypassed the services (the
 * demo and bench seeders). Rows of days without bookings are removed.
 */
export async function rebuildAppointmentDayCounts(companyId: string, within?: Tx): Promise<DayCountsReconciled> {
  return reconcileAppointmentDayCounts(companyId, undefined, within);
}
