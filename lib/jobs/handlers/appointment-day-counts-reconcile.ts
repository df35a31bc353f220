import { flushMetrics, recordRollupRepairs } from "@/lib/metrics/recorder";
import { reconcileRecentAppointmentDays } from "@/lib/services/appointments/reconcile-recent-appointment-days";
import { reconcileRecentCallDays } from "@/lib/services/calls/reconcile-recent-call-days";
import type { JobHandler } from "../handler";

/**
 * Compares each company's recent daily rollups with the raw rows — appointment_day_counts with
 * appointment_day_revenue, then call_day_counts — fixes the rows that differ and counts them
 * (switchboard_rollup_repairs_total{rollup}): every write keeps the rollups current, so a non-zero
 * count means a write path that missed its adjustment.
 */
export const appointmentDayCountsReconcile: JobHandler<"appointment-day-counts-reconcile"> = async (_payload, ctx) => {
  const appointments = await reconcileRecentAppointmentDays({ signal: ctx.signal });
  const calls = await reconcileRecentCallDays({ signal: ctx.signal });
  if (appointments.fixed > 0) recordRollupRepairs("appointment_day_counts", appointments.fixed);
  if (calls.fixed > 0) recordRollupRepairs("call_day_counts", calls.fixed);
  if (appointments.fixed + calls.fixed > 0) {
    await flushMetrics();
    ctx.log.warn({ appointments, calls }, "daily rollups differed from the raw rows; fixed");
  }
  return { checked: appointments.checked, fixed: appointments.fixed + calls.fixed, appointments, calls };
};
