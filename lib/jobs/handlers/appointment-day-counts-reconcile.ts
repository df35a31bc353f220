import { flushMetrics, recordRollupRepairs } from "@/lib/metrics/recorder";
import { reconcileRecentAppointmentDays } from "@/lib/services/appointments/reconcile-recent-appointment-days";
import type { JobHandler } from "../handler";

/**
 * Compares each company's recent appointment_day_counts with the raw appointments, fixes the rows that
 * differ and counts them (switchboard_rollup_repairs_total{rollup="appointment_day_counts"}): every
 * write keeps the counts current, so a non-zero count means a write path that missed its adjustment.
 */
export const appointmentDayCountsReconcile: JobHandler<"appointment-day-counts-reconcile"> = async (_payload, ctx) => {
  const result = await reconcileRecentAppointmentDays({ signal: ctx.signal });
  if (result.fixed > 0) {
    recordRollupRepairs("appointment_day_counts", result.fixed);
    await flushMetrics();
    ctx.log.warn(result, "appointment day counts differed from the raw rows; fixed");
  }
  return result;
};
