import type { WebhookProvider } from "@/lib/db/schema/webhook-events";
import { calcomBookingCancelled } from "./calcom-booking-cancelled";
import { calcomBookingCreated } from "./calcom-booking-created";
import { calcomBookingRescheduled } from "./calcom-booking-rescheduled";
import { retellCallAnalyzed } from "./retell-call-analyzed";
import { retellCallEnded } from "./retell-call-ended";
import { retellCallStarted } from "./retell-call-started";
import { sendgridEvent } from "./sendgrid-event";
import { stripeCheckoutCompleted } from "./stripe-checkout-completed";
import { stripeInvoicePaid } from "./stripe-invoice-paid";
import { stripeInvoicePaymentFailed } from "./stripe-invoice-payment-failed";
import { stripeSubscriptionDeleted } from "./stripe-subscription-deleted";
import { stripeSubscriptionUpdated } from "./stripe-subscription-updated";
import type { WebhookEventHandler } from "./types";

/**
 * `<provider>:<event type>` → its handler (one file each). The webhook-process job looks the
 * handler up here when it runs (so a test can wrap one), and an event type without a row here is
 * marked processed with nothing done.
 */
export const WEBHOOK_EVENT_HANDLERS: Record<string, WebhookEventHandler> = {
  "retell:call_started": retellCallStarted,
  "retell:call_ended": retellCallEnded,
  "retell:call_analyzed": retellCallAnalyzed,
  "calcom:BOOKING_CREATED": calcomBookingCreated,
  "calcom:BOOKING_REQUESTED": calcomBookingCreated,
  "calcom:BOOKING_RESCHEDULED": calcomBookingRescheduled,
  "calcom:BOOKING_CANCELLED": calcomBookingCancelled,
  "calcom:BOOKING_REJECTED": calcomBookingCancelled,
  "stripe:checkout.session.completed": stripeCheckoutCompleted,
  "stripe:customer.subscription.created": stripeSubscriptionUpdated,
  "stripe:customer.subscription.updated": stripeSubscriptionUpdated,
  "stripe:customer.subscription.deleted": stripeSubscriptionDeleted,
  "stripe:invoice.paid": stripeInvoicePaid,
  "stripe:invoice.payment_failed": stripeInvoicePaymentFailed,
  "sendgrid:batch": sendgridEvent,
};

export const webhookHandlerKey = (provider: WebhookProvider, eventType: string) => `${provider}:${eventType}`;
