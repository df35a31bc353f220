import { applyInvoice, paymentIntentOf, paymentKey, recordPayment } from "../apply/apply-invoice";
import { lockStripeCompany } from "../apply/lock-stripe-company";
import { writeTransaction } from "@/lib/db/write-transaction";
import { parseStripeInvoiceEvent } from "./parse-stripe-invoice-event";
import { nothingDone, type WebhookEventHandler } from "./types";

/** Stripe invoice.paid: the invoice is paid (for good: later events cannot move it back) and the successful payment recorded once. */
export const stripeInvoicePaid: WebhookEventHandler = async ({ event }) => {
  const parsed = parseStripeInvoiceEvent(event);
  if (!parsed) return nothingDone(null, "not an invoice event");
  const inv = parsed.invoice;
  const companyId = await writeTransaction(async (tx) => {
    const company = await lockStripeCompany(tx, { customerId: inv.customer, companyId: parsed.companyHint });
    if (!company) return null;
    // The event is Stripe saying the invoice is paid now, whatever an expanded object shows.
    const applied = await applyInvoice(tx, company.id, { ...inv, status: "paid" }, "paid");
    if (!applied) return null;
    const paidAt = inv.status_transitions?.paid_at ?? parsed.created;
    await recordPayment(tx, {
      companyId: company.id,
      invoiceId: applied.invoice.id,
      key: paymentIntentOf(inv) ?? paymentKey("paid", inv.id),
      amountCents: inv.amount_paid,
      currency: inv.currency,
      status: "succeeded",
      at: new Date(paidAt * 1000),
    });
    return company.id;
  });
  return companyId ? { companyId, events: [] } : nothingDone(null, "no company for this Stripe customer");
};
