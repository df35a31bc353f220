import { applyInvoicePaymentFailed } from "@/lib/services/billing/apply-invoice-payment-failed";
import { sendPaymentFailedEmail } from "@/lib/services/billing/send-payment-failed-email";
import { parseStripeInvoiceEvent } from "./parse-stripe-invoice-event";
import { nothingDone, type WebhookEventHandler } from "./types";

/**
 * Stripe invoice.payment_failed: the failed attempt is recorded (one payments row per failure
 * event) and the invoice stays open — unless it was paid meanwhile (a late delivery), which it then
 * stays. The company's billing contact is emailed once per failure, never for an invoice already paid.
 */
export const stripeInvoicePaymentFailed: WebhookEventHandler = async ({ event }) => {
  const parsed = parseStripeInvoiceEvent(event);
  if (!parsed) return nothingDone(null, "not an invoice event");
  const result = await applyInvoicePaymentFailed(parsed.invoice, {
    id: parsed.id,
    created: parsed.created,
    companyHint: parsed.companyHint,
  });
  if (!result) return nothingDone(null, "no company for this Stripe customer");
  const { company, invoice } = result;
  // One email per failure event (the webhook row), however often this job runs.
  return { companyId: company.id, events: [], after: [() => sendPaymentFailedEmail(company, invoice, event.id)] };
};
