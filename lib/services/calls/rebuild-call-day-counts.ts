import type { Tx } from "@/lib/db/tenant";
import type { DayCountsReconciled } from "@/lib/services/appointments/reconcile-appointment-day-counts";
import { reconcileCallDayCounts } from "./reconcile-call-day-counts";

/**
 * Recomputes all of a company's call_day_counts from its raw calls: after its time zone changed (pass
 * the transaction that changed it, so the zone and the counts commit together) and after a bulk insert
 * that bypassed the services (the demo and bench seeders).
 */
export async function rebuildCallDayCounts(companyId: string, within?: Tx): Promise<DayCountsReconciled> {
  return reconcileCallDayCounts(companyId, undefined, within);
}
