import { writeTransaction } from "@/lib/db/write-transaction";
import { calcomWebhookSchema } from "@/lib/integrations/calcom/events";
import { applyBooking } from "@/lib/services/appointments/apply-booking";
import { bookingFactsFromWebhook } from "@/lib/services/appointments/booking-facts-from-webhook";
import { bookingOutcome } from "./booking-outcome";
import { nothingDone, type WebhookEventHandler } from "./types";

/**
 * Cal.com BOOKING_CANCELLED (and BOOKING_REJECTED): the appointment is cancelled, with the reason.
 * Arriving before BOOKING_CREATED, it creates the row already cancelled, which the late creation
 * then cannot resurrect.
 */
export const calcomBookingCancelled: WebhookEventHandler = async ({ event, log }) => {
  const companyId = event.companyId;
  if (!companyId) return nothingDone(null, "calcom event without company");
  const webhook = calcomWebhookSchema.parse(event.payload);
  const facts = bookingFactsFromWebhook(webhook, "cancelled");
  if (!facts) return nothingDone(companyId, "booking without uid or times");
  if (webhook.triggerEvent === "BOOKING_REJECTED" && !facts.cancelReason) facts.cancelReason = "Rejected by the host";
  const applied = await writeTransaction((tx) => applyBooking(tx, companyId, facts));
  return bookingOutcome(companyId, [applied], log);
};
