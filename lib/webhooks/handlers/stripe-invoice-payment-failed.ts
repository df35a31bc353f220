import { z } from "zod";
import { enqueue } from "@/lib/jobs/enqueue";
import { applyInvoice, paymentIntentOf, paymentKey, recordPayment } from "../apply/apply-invoice";
import { lockStripeCompany } from "../apply/lock-stripe-company";
import { writeTransaction } from "@/lib/db/write-transaction";
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
  const inv = parsed.invoice;
  const result = await writeTransaction(async (tx) => {
    const company = await lockStripeCompany(tx, { customerId: inv.customer, companyId: parsed.companyHint });
    if (!company) return null;
    const applied = await applyInvoice(tx, company.id, inv, "open");
    if (!applied) return null;
    const attempt = (inv as { attempt_count?: unknown }).attempt_count;
    await recordPayment(tx, {
      companyId: company.id,
      invoiceId: applied.invoice.id,
      key: paymentKey(paymentIntentOf(inv) ?? inv.id, "failed", parsed.id),
      amountCents: inv.amount_due,
      currency: inv.currency,
      status: "failed",
      failureReason: typeof attempt === "number" ? `Payment attempt ${attempt} failed` : "Payment failed",
      at: new Date(parsed.created * 1000),
    });
    return { company, invoice: applied.invoice };
  });
  if (!result) return nothingDone(null, "no company for this Stripe customer");
  const { company, invoice } = result;
  const to = company.billingEmail;
  const notify =
    to && z.email().safeParse(to).success && invoice.status !== "paid"
      ? [
          () =>
            enqueue(
              "email-send",
              {
                template: "payment-failed",
                to,
                companyId: company.id,
                data: {
                  companyName: company.name,
                  amountDueCents: invoice.amountDueCents,
                  currency: invoice.currency,
                  invoiceUrl: invoice.hostedInvoiceUrl,
                },
              },
              // One email per failure event, however often this job runs.
              { jobId: `email-payment-failed-${event.id}` },
            ),
        ]
      : [];
  return { companyId: company.id, events: [], after: notify };
};
