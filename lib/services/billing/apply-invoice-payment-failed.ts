import type { Company } from "@/lib/db/schema/companies";
import type { Invoice } from "@/lib/db/schema/invoices";
import { writeTransaction } from "@/lib/db/write-transaction";
import { applyInvoice, type StripeInvoice } from "./apply-invoice";
import { lockStripeCompany } from "./lock-stripe-company";
import { paymentIntentOf } from "./payment-intent-of";
import { paymentKey } from "./payment-key";
import { recordPayment } from "./record-payment";

/**
 * A collection attempt failed: the attempt is recorded (one payments row per failure event, keyed
 * by the event) and the invoice stays open — unless it was paid meanwhile (a late delivery), which
 * it then stays. One transaction under the company's row lock. Returns the company and the invoice
 * as they now are, or null when no company matches.
 */
export async function applyInvoicePaymentFailed(
  inv: StripeInvoice,
  event: { id: string; created: number; companyHint: string | null },
): Promise<{ company: Company; invoice: Invoice } | null> {
  return writeTransaction(async (tx) => {
    const company = await lockStripeCompany(tx, { customerId: inv.customer, companyId: event.companyHint });
    if (!company) return null;
    const applied = await applyInvoice(tx, company.id, inv, "open");
    if (!applied) return null;
    const attempt = (inv as { attempt_count?: unknown }).attempt_count;
    await recordPayment(tx, {
      companyId: company.id,
      invoiceId: applied.invoice.id,
      key: paymentKey(paymentIntentOf(inv) ?? inv.id, "failed", event.id),
      amountCents: inv.amount_due,
      currency: inv.currency,
      status: "failed",
      failureReason: typeof attempt === "number" ? `Payment attempt ${attempt} failed` : "Payment failed",
      at: new Date(event.created * 1000),
    });
    return { company, invoice: applied.invoice };
  });
}
