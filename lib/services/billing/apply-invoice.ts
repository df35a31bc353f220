import { eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { invoices, type Invoice, type InvoiceStatus } from "@/lib/db/schema/invoices";
import type { Tx } from "@/lib/db/tenant";
import { createId } from "@/lib/ids/create-id";
import type { stripeInvoiceSchema } from "@/lib/integrations/stripe/schemas";

export type StripeInvoice = z.infer<typeof stripeInvoiceSchema>;

/** Stripe's invoice lifecycle: draft → open → paid | void | uncollectible (uncollectible may still be paid). */
const RANK: Record<InvoiceStatus, number> = { draft: 0, open: 1, uncollectible: 2, paid: 3, void: 3 };

const at = (sec: number | null | undefined) => (typeof sec === "number" && sec > 0 ? new Date(sec * 1000) : null);

/**
 * Upserts the invoices row of a Stripe invoice (by stripe_invoice_id). The status only moves
 * forward (RANK), so a payment_failed delivered after invoice.paid leaves the invoice paid; amounts,
 * number and links follow the newest event that moved it.
 */
export async function applyInvoice(
  tx: Tx,
  companyId: string,
  inv: StripeInvoice,
  fallbackStatus: InvoiceStatus,
): Promise<{ invoice: Invoice; changed: boolean } | null> {
  const status = inv.status ?? fallbackStatus;
  const values = {
    number: inv.number ?? null,
    status,
    amountDueCents: Math.max(0, inv.amount_due),
    amountPaidCents: Math.max(0, inv.amount_paid),
    currency: inv.currency.slice(0, 3).toLowerCase(),
    periodStart: at(inv.period_start) ?? new Date(),
    periodEnd: at(inv.period_end) ?? new Date(),
    hostedInvoiceUrl: inv.hosted_invoice_url?.slice(0, 1024) ?? null,
    dueAt: at(inv.due_date),
    paidAt: status === "paid" ? (at(inv.status_transitions?.paid_at) ?? new Date()) : null,
  };
  const id = createId("invoice");
  await tx
    .insert(invoices)
    .values({ id, companyId, stripeInvoiceId: inv.id, ...values })
    .onDuplicateKeyUpdate({ set: { id: sql`${invoices.id}`, updatedAt: sql`${invoices.updatedAt}` } });
  const [row] = await tx.select().from(invoices).where(eq(invoices.stripeInvoiceId, inv.id)).limit(1).for("update");
  if (!row || row.companyId !== companyId) return null;
  if (row.id === id || RANK[status] < RANK[row.status]) return { invoice: row, changed: row.id === id };
  const changes: Partial<Invoice> = {};
  for (const [k, v] of Object.entries(values) as Array<[keyof typeof values, unknown]>) {
    const cur = row[k];
    const same = cur instanceof Date && v instanceof Date ? cur.getTime() === v.getTime() : cur === v;
    if (!same && !(k === "paidAt" && v === null)) (changes as Record<string, unknown>)[k] = v;
  }
  if (Object.keys(changes).length > 0) await tx.update(invoices).set(changes).where(eq(invoices.id, row.id));
  return { invoice: { ...row, ...changes }, changed: Object.keys(changes).length > 0 };
}
