import { writeTransaction } from "@/lib/db/write-transaction";
import { calcomWebhookSchema } from "@/lib/integrations/calcom/events";
import { applyBooking } from "@/lib/services/appointments/apply-booking";
import { appointmentStatusOf } from "@/lib/services/appointments/appointment-status-of";
import { bookingFactsFromWebhook } from "@/lib/services/appointments/booking-facts-from-webhook";
import { bookingOutcome } from "./booking-outcome";
import { nothingDone, type WebhookEventHandler } from "./types";

/**
 * Cal.com BOOKING_CREATED (and BOOKING_REQUESTED, a booking awaiting the host's confirmation): the
 * appointment appears — confirmed, or scheduled while pending — linked to its customer and, through
 * the metadata, to the call it was booked in. A booking already cancelled stays cancelled.
 */
export const calcomBookingCreated: WebhookEventHandler = async ({ event, log }) => {
  const companyId = event.companyId;
  if (!companyId) return nothingDone(null, "calcom event without company");
  const webhook = calcomWebhookSchema.parse(event.payload);
  const status = webhook.triggerEvent === "BOOKING_REQUESTED" ? "scheduled" : appointmentStatusOf(webhook.payload.status ?? "ACCEPTED");
  const facts = bookingFactsFromWebhook(webhook, status === "cancelled" ? "scheduled" : status);
  if (!facts) return nothingDone(companyId, "booking without uid or times");
  const applied = await writeTransaction((tx) => applyBooking(tx, companyId, facts));
  return bookingOutcome(companyId, [applied], log);
};
