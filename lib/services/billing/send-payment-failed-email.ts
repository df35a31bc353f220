import { z } from "zod";
import type { Company } from "@/lib/db/schema/companies";
import type { Invoice } from "@/lib/db/schema/invoices";
import { enqueue, type Enqueued } from "@/lib/jobs/enqueue";

/**
 * Queues "your payment failed" to the company's billing contact (job `email-send`), once per
 * failure: `failureId` (the Stripe event's webhook row) names the job, however often this runs.
 * Nothing is sent for an invoice already paid or without a valid billing email (null).
 */
export async function sendPaymentFailedEmail(company: Company, invoice: Invoice, failureId: string): Promise<Enqueued | null> {
  const to = company.billingEmail;
  if (!to || !z.email().safeParse(to).success || invoice.status === "paid") return null;
  return enqueue(
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
    { jobId: `email-payment-failed-${failureId}` },
  );
}
