import { writeTransaction } from "@/lib/db/write-transaction";
import { applyInvoice, type StripeInvoice } from "./apply-invoice";
import { lockStripeCompany } from "./lock-stripe-company";
import { paymentIntentOf } from "./payment-intent-of";
import { paymentKey } from "./payment-key";
import { recordPayment } from "./record-payment";

/**
 * Stripe says the invoice is paid: the invoice is paid (for good: later events cannot move it back)
 * and the successful payment recorded once, in one transaction under the company's row lock.
 * `companyHint` is the company id our checkout put in the subscription's metadata. Returns the
 * company, or null when no company matches.
 */
export async function applyInvoicePaid(inv: StripeInvoice, event: { created: number; companyHint: string | null }): Promise<string | null> {
  return writeTransaction(async (tx) => {
    const company = await lockStripeCompany(tx, { customerId: inv.customer, companyId: event.companyHint });
    if (!company) return null;
    // The event is Stripe saying the invoice is paid now, whatever an expanded object shows.
    const applied = await applyInvoice(tx, company.id, { ...inv, status: "paid" }, "paid");
    if (!applied) return null;
    const paidAt = inv.status_transitions?.paid_at ?? event.created;
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
}
