import { writeTransaction } from "@/lib/db/write-transaction";
import { calcomWebhookSchema } from "@/lib/integrations/calcom/events";
import { applyReschedule } from "@/lib/services/appointments/apply-reschedule";
import { appointmentStatusOf } from "@/lib/services/appointments/appointment-status-of";
import { bookingFactsFromWebhook } from "@/lib/services/appointments/booking-facts-from-webhook";
import { bookingOutcome } from "./booking-outcome";
import { nothingDone, type WebhookEventHandler } from "./types";

/**
 * Cal.com BOOKING_RESCHEDULED: as in Cal.com, a reschedule is a NEW booking (`uid`) replacing the
 * old one (`rescheduleUid`), which is cancelled (applyReschedule: the new row inherits customer,
 * source call and notes; the old one is cancelled with reason "Rescheduled", in any order).
 */
export const calcomBookingRescheduled: WebhookEventHandler = async ({ event, log }) => {
  const companyId = event.companyId;
  if (!companyId) return nothingDone(null, "calcom event without company");
  const webhook = calcomWebhookSchema.parse(event.payload);
  const facts = bookingFactsFromWebhook(webhook, appointmentStatusOf(webhook.payload.status ?? "ACCEPTED"));
  if (!facts) return nothingDone(companyId, "booking without uid or times");
  const { moved, replaced } = await writeTransaction((tx) =>
    applyReschedule(tx, companyId, facts, { uid: webhook.payload.rescheduleUid ?? null, startTime: webhook.payload.rescheduleStartTime }),
  );
  return bookingOutcome(companyId, replaced === undefined ? [moved] : [moved, replaced], log);
};
