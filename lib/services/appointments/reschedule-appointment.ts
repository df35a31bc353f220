import { ApiError } from "@/lib/api/errors";
import { invalidate } from "@/lib/cache/invalidate";
import { writeTransaction } from "@/lib/db/write-transaction";
import { calcomClientForCompany } from "@/lib/integrations/for-company";
import type { VendorDeps } from "@/lib/integrations/vendor-deps";
import { applyReschedule } from "./apply-reschedule";
import { bookingFactsFromApi } from "./booking-facts-from-api";
import { calcomWriteFailed } from "./calcom-write-failed";
import { loadAppointment } from "./load-appointment";
import { rescheduleAppointmentSchema, type AppointmentView, type RescheduleAppointmentInput } from "./schemas";
import { allowedMoves, canReschedule } from "./status-moves";
import { toAppointmentView } from "./to-appointment-view";

/**
 * Moves an appointment to another slot through Cal.com. As in Cal.com, the result is a NEW
 * appointment (new booking uid) with the same customer, source call and notes; the old one is
 * cancelled with reason "Rescheduled" — written by applyReschedule, as the BOOKING_RESCHEDULED
 * webhook writes it. Only an open booking that has not started moves (else 409 with the allowed
 * moves in `details`); Cal.com down: 503, nothing written. Cal.com's reschedule is never resent blindly
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
  if (!canReschedule(old.status, old.startAt))
    throw new ApiError(
      "conflict",
      old.status === "scheduled" || old.status === "confirmed"
        ? "A booking in the past cannot be rescheduled."
        : `A ${old.status.replace("_", "-")} appointment cannot be rescheduled.`,
      { details: { status: old.status, startAt: old.startAt.toISOString(), allowed: allowedMoves(old.status) } },
    );
  if (Date.parse(req.start) <= Date.now())
    throw new ApiError("validation_failed", "The new slot has already started.", {
      details: [{ field: "start", message: "Choose a slot in the future.", code: "in_the_past" }],
    });
  if (!old.calBookingUid) throw new ApiError("conflict", "This appointment is not booked in Cal.com yet.");
  const uid = old.calBookingUid;

  const calcom = deps.calcom ?? (await calcomClientForCompany(companyId));
  const booking = await calcom
    .rescheduleBooking(uid, req.start, { reason: req.reason, reconcileDelayMs: deps.reconcileDelayMs })
    .catch((err: unknown) => {
      throw calcomWriteFailed(err);
    });

  const { moved } = await writeTransaction((tx) => applyReschedule(tx, companyId, bookingFactsFromApi(booking), { uid }));
  if (!moved) throw new ApiError("conflict", "This booking belongs to another account.");
  await invalidate("appointments.updated", { companyId });
  return toAppointmentView(moved.appointment);
}
