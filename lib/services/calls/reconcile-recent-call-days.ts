import { sumOverCompanies } from "@/lib/services/companies/sum-over-companies";
import { addDays } from "@/lib/time/add-days";
import { reconcileCallDayCounts } from "./reconcile-call-day-counts";

/** The local days the reconcile job checks: the last week, where Retell events still arrive (analysis, late ends). */
export const RECONCILE_CALL_DAYS = 7;

/**
 * Checks every company's call_day_counts against the raw calls for its last RECONCILE_CALL_DAYS local
 * days and today, fixes what differs (one short transaction per company) and returns the counts.
 */
export async function reconcileRecentCallDays(opts: { now?: Date; signal?: AbortSignal } = {}) {
  return sumOverCompanies(
    async (companyId, today) => (await reconcileCallDayCounts(companyId, { from: addDays(today, -RECONCILE_CALL_DAYS), to: today })).fixed,
    opts,
  );
}
