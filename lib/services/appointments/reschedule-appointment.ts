import { ApiError } from "@/lib/api/errors";
import { invalidate } from "@/lib/cache/invalidate";
import { writeTransaction } from "@/lib/db/write-transaction";
import { calcomClientForCompany } from "@/lib/integrations/for-company";
import type { VendorDeps } from "@/lib/integrations/vendor-deps";
import { applyReschedule } from "./apply-reschedule";
import { bookingFactsFromApi } from "./booking-facts-from-api";
import { loadAppointment } from "./load-appointment";
import { rescheduleAppointmentSchema, type AppointmentView, type RescheduleAppointmentInput } from "./schemas";
import { toAppointmentView } from "./to-appointment-view";

/**
 * Moves an appointment to another slot through Cal.com. As in Cal.com, the result is a NEW
 * appointment (new booking uid) with the same customer, source call and notes; the old one is
 * cancelled with reason "Rescheduled" — written by applyReschedule, as the BOOKING_RESCHEDULED
 * webhook writes it. Cal.com's reschedule is never resent blindly
 * (lib/integrations/calcom/reschedule-booking.ts). Returns the new appointment; emits `appointments.updated`.
 */
export async function rescheduleAppointment(
  companyId: string,
  appointmentId: string,
  input: RescheduleAppointmentInput,
  deps: VendorDeps = {},
): Promise<AppointmentView> {
  const req = rescheduleAppointmentSchema.parse(input);
  const old = await loadAppointment(companyId, appointmentId);
  if (old.status === "cancelled") throw new ApiError("conflict", "A cancelled appointment cannot be rescheduled.");
  if (!old.calBookingUid) throw new ApiError("conflict", "This appointment is not booked in Cal.com yet.");
  const uid = old.calBookingUid;

  const calcom = deps.calcom ?? (await calcomClientForCompany(companyId));
  const booking = await calcom.rescheduleBooking(uid, req.start, { reason: req.reason, reconcileDelayMs: deps.reconcileDelayMs });

  const { moved } = await writeTransaction((tx) => applyReschedule(tx, companyId, bookingFactsFromApi(booking), { uid }));
  if (!moved) throw new ApiError("conflict", "This booking belongs to another account.");
  await invalidate("appointments.updated", { companyId });
  return toAppointmentView(moved.appointment);
}
