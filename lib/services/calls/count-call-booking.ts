import { and, eq, ne, sql } from "drizzle-orm";
import { appointments } from "@/lib/db/schema/appointments";
import { calls } from "@/lib/db/schema/calls";
import { forCompany, type Tx } from "@/lib/db/tenant";
import { adjustCallDayCounts } from "./adjust-call-day-counts";

/**
 * Counts a call as booked (call_day_counts `booked`, on the call's local day) when appointment
 * `appointmentId` is the first to name it as its source: called by applyBooking in its transaction
 * when it fills source_call_id. The call row is locked first, so two bookings of one call (a
 * reschedule's new uid) and a Retell event moving the call's start are applied one after the other.
 */
export async function countCallBooking(tx: Tx, companyId: string, callId: string, appointmentId: string): Promise<void> {
  const [call] = await tx
    .select()
    .from(calls)
    .where(forCompany(calls, companyId, eq(calls.id, callId)))
    .limit(1)
    .for("update");
  if (!call) return;
  const [other] = await tx
    .select({ one: sql<number>`1` })
    .from(appointments)
    .where(forCompany(appointments, companyId, and(eq(appointments.sourceCallId, callId), ne(appointments.id, appointmentId))))
    .limit(1);
  if (other) return;
  await adjustCallDayCounts(tx, companyId, { ...call, booked: false }, { ...call, booked: true });
}
