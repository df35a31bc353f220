import { eq } from "drizzle-orm";
import { appointments } from "@/lib/db/schema/appointments";
import { forCompany } from "@/lib/db/tenant";
import { calcomWebhookSchema } from "@/lib/integrations/calcom/events";
import { applyBooking } from "../apply/apply-booking";
import { appointmentStatusOf, bookingFactsFromWebhook, RESCHEDULED_REASON } from "../apply/booking-facts";
import { writeTransaction } from "@/lib/db/write-transaction";
import { bookingOutcome } from "./booking-outcome";
import { nothingDone, type WebhookEventHandler } from "./types";

const dateOr = (v: string | null | undefined, fallback: Date) => {
  const d = v ? new Date(v) : null;
  return d && !Number.isNaN(d.getTime()) ? d : fallback;
};

/**
 * Cal.com BOOKING_RESCHEDULED: as in Cal.com, a reschedule is a NEW booking (`uid`) replacing the
 * old one (`rescheduleUid`), which is cancelled. Rows mirror that: the new appointment inherits the
 * old one's customer, source call and notes; the old one is cancelled with reason "Rescheduled"
 * (created already cancelled if its BOOKING_CREATED has not arrived yet, so it never comes back).
 */
export const calcomBookingRescheduled: WebhookEventHandler = async ({ event, log }) => {
  const companyId = event.companyId;
  if (!companyId) return nothingDone(null, "calcom event without company");
  const webhook = calcomWebhookSchema.parse(event.payload);
  const facts = bookingFactsFromWebhook(webhook, appointmentStatusOf(webhook.payload.status ?? "ACCEPTED"));
  if (!facts) return nothingDone(companyId, "booking without uid or times");
  const oldUid = webhook.payload.rescheduleUid ?? null;

  const applied = await writeTransaction(async (tx) => {
    const [old] = oldUid
      ? await tx
          .select()
          .from(appointments)
          .where(forCompany(appointments, companyId, eq(appointments.calBookingUid, oldUid)))
          .limit(1)
          .for("update")
      : [];
    const moved = await applyBooking(tx, companyId, facts, {
      customerId: old?.customerId,
      sourceCallId: old?.sourceCallId,
      notes: old?.notes,
    });
    if (!oldUid || oldUid === facts.uid) return [moved];
    // Without the old row, its times come from the payload (same length as the new booking).
    const startAt = old?.startAt ?? dateOr(webhook.payload.rescheduleStartTime, facts.startAt);
    const replaced = await applyBooking(tx, companyId, {
      ...facts,
      uid: oldUid,
      status: "cancelled",
      cancelReason: RESCHEDULED_REASON,
      startAt,
      endAt: old?.endAt ?? new Date(startAt.getTime() + (facts.endAt.getTime() - facts.startAt.getTime())),
      title: old?.title ?? facts.title,
      location: old?.location ?? facts.location,
      timesGuessed: !old && !webhook.payload.rescheduleStartTime,
    });
    return [moved, replaced];
  });
  return bookingOutcome(companyId, applied, log);
};
