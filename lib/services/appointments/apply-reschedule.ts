import { eq } from "drizzle-orm";
import { appointments } from "@/lib/db/schema/appointments";
import { forCompany, type Tx } from "@/lib/db/tenant";
import { applyBooking, type AppliedBooking } from "./apply-booking";
import { bookingDate, RESCHEDULED_REASON, type BookingFacts } from "./booking-facts";

export interface AppliedReschedule {
  /** The new booking's row; null when its uid is another company's. */
  moved: AppliedBooking | null;
  /** The replaced booking's row (null: another company's); undefined when there is no old booking to cancel. */
  replaced?: AppliedBooking | null;
}

/**
 * Applies a Cal.com reschedule — the BOOKING_RESCHEDULED webhook and our own reschedule alike, so
 * whichever lands first, the rows end the same. As in Cal.com, a reschedule is a NEW booking
 * (`facts.uid`) replacing the old one (`old.uid`), which is cancelled. The new appointment inherits
 * the old one's customer, source call and notes; the old one is cancelled with reason "Rescheduled"
 * (created already cancelled if its own creation has not arrived yet, so it never comes back). Without
 * the old row, its times come from `old.startTime` (Cal.com's rescheduleStartTime) and the new
 * booking's length, else they are marked guessed.
 */
export async function applyReschedule(
  tx: Tx,
  companyId: string,
  facts: BookingFacts,
  old: { uid: string | null; startTime?: string | null },
): Promise<AppliedReschedule> {
  const oldUid = old.uid;
  const [row] = oldUid
    ? await tx
        .select()
        .from(appointments)
        .where(forCompany(appointments, companyId, eq(appointments.calBookingUid, oldUid)))
        .limit(1)
        .for("update")
    : [];
  const moved = await applyBooking(tx, companyId, facts, {
    customerId: row?.customerId,
    sourceCallId: row?.sourceCallId,
    notes: row?.notes,
  });
  if (!oldUid || oldUid === facts.uid) return { moved };
  const startAt = row?.startAt ?? bookingDate(old.startTime) ?? facts.startAt;
  const replaced = await applyBooking(tx, companyId, {
    ...facts,
    uid: oldUid,
    status: "cancelled",
    cancelReason: RESCHEDULED_REASON,
    startAt,
    endAt: row?.endAt ?? new Date(startAt.getTime() + (facts.endAt.getTime() - facts.startAt.getTime())),
    title: row?.title ?? facts.title,
    location: row?.location ?? facts.location,
    timesGuessed: !row && !old.startTime,
  });
  return { moved, replaced };
}
