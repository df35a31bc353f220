import { ApiError } from "@/lib/api/errors";
import { invalidate } from "@/lib/cache/invalidate";
import { writeTransaction } from "@/lib/db/write-transaction";
import { calcomClientForCompany } from "@/lib/integrations/for-company";
import type { VendorDeps } from "@/lib/integrations/vendor-deps";
import { applyBooking } from "./apply-booking";
import { bookingFactsFromApi } from "./booking-facts-from-api";
import { calcomWriteFailed } from "./calcom-write-failed";
import { loadAppointment } from "./load-appointment";
import { cancelAppointmentSchema, type AppointmentView, type CancelAppointmentInput } from "./schemas";
import { allowedMoves } from "./status-moves";
import { toAppointmentView } from "./to-appointment-view";

/**
 * Cancels an appointment in Cal.com and marks it cancelled (terminal: no webhook brings it back).
 * Cancelling one already cancelled answers it unchanged; a completed or no-show one is 409.
 * Cal.com down: 503, nothing written. Emits `appointments.updated`.
 */
export async function cancelAppointment(
  companyId: string,
  appointmentId: string,
  input: CancelAppointmentInput = {},
  deps: VendorDeps = {},
): Promise<AppointmentView> {
  const req = cancelAppointmentSchema.parse(input);
  const row = await loadAppointment(companyId, appointmentId);
  if (row.status === "cancelled") return toAppointmentView(row);
  if (!allowedMoves(row.status).includes("cancelled"))
    throw new ApiError("conflict", `A ${row.status.replace("_", "-")} appointment cannot be cancelled.`, {
      details: { status: row.status, requested: "cancelled", allowed: allowedMoves(row.status) },
    });
  if (!row.calBookingUid) throw new ApiError("conflict", "This appointment is not booked in Cal.com yet.");

  const calcom = deps.calcom ?? (await calcomClientForCompany(companyId));
  const booking = await calcom
    .cancelBooking(row.calBookingUid, req.reason ?? "Cancelled from Switchboard", { reconcileDelayMs: deps.reconcileDelayMs })
    .catch((err: unknown) => {
      throw calcomWriteFailed(err);
    });
  const facts = bookingFactsFromApi(booking);
  const applied = await writeTransaction((tx) =>
    applyBooking(tx, companyId, { ...facts, status: "cancelled", cancelReason: facts.cancelReason ?? req.reason ?? null }),
  );
  if (!applied) throw new ApiError("conflict", "This booking belongs to another account.");
  await invalidate("appointments.updated", { companyId });
  return toAppointmentView(applied.appointment);
}
