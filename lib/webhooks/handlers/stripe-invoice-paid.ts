import { applyInvoicePaid } from "@/lib/services/billing/apply-invoice-paid";
import { parseStripeInvoiceEvent } from "./parse-stripe-invoice-event";
import { nothingDone, type WebhookEventHandler } from "./types";

/** Stripe invoice.paid: the invoice is paid (for good: later events cannot move it back) and the successful payment recorded once. */
export const stripeInvoicePaid: WebhookEventHandler = async ({ event }) => {
  const parsed = parseStripeInvoiceEvent(event);
  if (!parsed) return nothingDone(null, "not an invoice event");
  const companyId = await applyInvoicePaid(parsed.invoice, { created: parsed.created, companyHint: parsed.companyHint });
  return companyId ? { companyId, events: [] } : nothingDone(null, "no company for this Stripe customer");
};
