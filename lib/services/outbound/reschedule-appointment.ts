import { ApiError } from "@/lib/api/errors";
import { invalidate } from "@/lib/cache/invalidate";
import { calcomClientForCompany } from "@/lib/integrations/for-company";
import { applyBooking } from "@/lib/webhooks/apply/apply-booking";
import { bookingFactsFromApi, RESCHEDULED_REASON } from "@/lib/webhooks/apply/booking-facts";
import { writeTransaction } from "@/lib/db/write-transaction";
import type { OutboundDeps } from "./deps";
import { loadAppointment } from "./load-appointment";
import { rescheduleAppointmentSchema, toOutboundAppointment, type OutboundAppointment, type RescheduleAppointmentInput } from "./schemas";

/**
 * Moves an appointment to another slot through Cal.com. As in Cal.com (and as the
 * BOOKING_RESCHEDULED webhook writes it), the result is a NEW appointment (new booking uid) with the
 * same customer, source call and notes; the old one is cancelled with reason "Rescheduled". Cal.com's
 * reschedule is never resent blindly (lib/integrations/calcom/reschedule-booking.ts). Returns the new
 * appointment; emits `appointments.updated`.
 */
export async function rescheduleAppointment(
  companyId: string,
  appointmentId: string,
  input: RescheduleAppointmentInput,
  deps: OutboundDeps = {},
): Promise<OutboundAppointment> {
  const req = rescheduleAppointmentSchema.parse(input);
  const old = await loadAppointment(companyId, appointmentId);
  if (old.status === "cancelled") throw new ApiError("conflict", "A cancelled appointment cannot be rescheduled.");
  if (!old.calBookingUid) throw new ApiError("conflict", "This appointment is not booked in Cal.com yet.");
  const uid = old.calBookingUid;

  const calcom = deps.calcom ?? (await calcomClientForCompany(companyId));
  const booking = await calcom.rescheduleBooking(uid, req.start, { reason: req.reason, reconcileDelayMs: deps.reconcileDelayMs });

  const moved = await writeTransaction(async (tx) => {
    const next = await applyBooking(tx, companyId, bookingFactsFromApi(booking), {
      customerId: old.customerId,
      sourceCallId: old.sourceCallId,
      notes: old.notes,
    });
    await applyBooking(tx, companyId, {
      ...bookingFactsFromApi(booking),
      uid,
      status: "cancelled",
      cancelReason: RESCHEDULED_REASON,
      startAt: old.startAt,
      endAt: old.endAt,
      title: old.title,
      location: old.location,
    });
    return next;
  });
  if (!moved) throw new ApiError("conflict", "This booking belongs to another account.");
  await invalidate("appointments.updated", { companyId });
  return toOutboundAppointment(moved.appointment);
}
