import { and, eq } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import { invalidate } from "@/lib/cache/invalidate";
import { appointments } from "@/lib/db/schema/appointments";
import { forCompany } from "@/lib/db/tenant";
import { writeTransaction } from "@/lib/db/write-transaction";
import { adjustAppointmentDayCounts } from "./adjust-appointment-day-counts";
import { changeAppointmentStatusSchema, type AppointmentView, type ChangeAppointmentStatusInput } from "./schemas";
import { allowedMoves } from "./status-moves";
import { toAppointmentView } from "./to-appointment-view";

/**
 * Moves a booking forward: scheduled → confirmed → completed | no_show (marked here; Cal.com has no
 * such states). The row is locked while checked, so two concurrent moves cannot both pass. Setting
 * the status it already has answers it unchanged; any other move is 409 with the allowed ones in
 * `details`. Another company's id is 404. Emits `appointments.updated`.
 */
export async function changeAppointmentStatus(
  companyId: string,
  id: string,
  input: ChangeAppointmentStatusInput,
): Promise<AppointmentView> {
  const { status } = changeAppointmentStatusSchema.parse(input);
  const { row, changed } = await writeTransaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(appointments)
      .where(forCompany(appointments, companyId, eq(appointments.id, id)))
      .limit(1)
      .for("update");
    if (!current) throw new ApiError("not_found", "No such appointment.");
    if (current.status === status) return { row: current, changed: false };
    const allowed = allowedMoves(current.status);
    if (!allowed.includes(status))
      throw new ApiError("conflict", `A ${current.status.replace("_", "-")} appointment cannot become ${status.replace("_", "-")}.`, {
        details: { status: current.status, requested: status, allowed },
      });
    await tx
      .update(appointments)
      .set({ status })
      .where(and(eq(appointments.companyId, companyId), eq(appointments.id, id)));
    const row = { ...current, status };
    await adjustAppointmentDayCounts(tx, companyId, current, row);
    return { row, changed: true };
  });
  if (changed) await invalidate("appointments.updated", { companyId });
  return toAppointmentView(row);
}
