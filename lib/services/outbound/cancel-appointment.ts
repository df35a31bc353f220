import { ApiError } from "@/lib/api/errors";
import { invalidate } from "@/lib/cache/invalidate";
import { calcomClientForCompany } from "@/lib/integrations/for-company";
import { applyBooking } from "@/lib/webhooks/apply/apply-booking";
import { bookingFactsFromApi } from "@/lib/webhooks/apply/booking-facts";
import { writeTransaction } from "@/lib/db/write-transaction";
import type { OutboundDeps } from "./deps";
import { loadAppointment } from "./load-appointment";
import { cancelAppointmentSchema, toOutboundAppointment, type CancelAppointmentInput, type OutboundAppointment } from "./schemas";

/**
 * Cancels an appointment in Cal.com and marks it cancelled (terminal: no webhook brings it back).
 * Cancelling one already cancelled answers it unchanged. Emits `appointments.updated`.
 */
export async function cancelAppointment(
  companyId: string,
  appointmentId: string,
  input: CancelAppointmentInput = {},
  deps: OutboundDeps = {},
): Promise<OutboundAppointment> {
  const req = cancelAppointmentSchema.parse(input);
  const row = await loadAppointment(companyId, appointmentId);
  if (row.status === "cancelled") return toOutboundAppointment(row);
  if (!row.calBookingUid) throw new ApiError("conflict", "This appointment is not booked in Cal.com yet.");

  const calcom = deps.calcom ?? (await calcomClientForCompany(companyId));
  const booking = await calcom.cancelBooking(row.calBookingUid, req.reason ?? "Cancelled from Switchboard", {
    reconcileDelayMs: deps.reconcileDelayMs,
  });
  const facts = bookingFactsFromApi(booking);
  const applied = await writeTransaction((tx) =>
    applyBooking(tx, companyId, { ...facts, status: "cancelled", cancelReason: facts.cancelReason ?? req.reason ?? null }),
  );
  if (!applied) throw new ApiError("conflict", "This booking belongs to another account.");
  await invalidate("appointments.updated", { companyId });
  return toOutboundAppointment(applied.appointment);
}
