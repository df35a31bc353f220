import type { Invoice } from "@/lib/db/schema/invoices";
import type { InvoiceItem } from "./schemas";

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** An invoices row as the API shows it. */
export function toInvoiceItem(r: Invoice): InvoiceItem {
  return {
    id: r.id,
    number: r.number,
    status: r.status,
    amountDueCents: r.amountDueCents,
    amountPaidCents: r.amountPaidCents,
    currency: r.currency,
    periodStart: r.periodStart.toISOString(),
    periodEnd: r.periodEnd.toISOString(),
    hostedInvoiceUrl: r.hostedInvoiceUrl,
    dueAt: iso(r.dueAt),
    paidAt: iso(r.paidAt),
  };
}
