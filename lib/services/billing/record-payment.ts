import { sql } from "drizzle-orm";
import { payments, type PaymentStatus } from "@/lib/db/schema/payments";
import type { Tx } from "@/lib/db/tenant";
import { createId } from "@/lib/ids/create-id";

/** Records one collection attempt once (payments are keyed by Stripe's id for it). */
export async function recordPayment(
  tx: Tx,
  p: {
    companyId: string;
    invoiceId: string;
    key: string;
    amountCents: number;
    currency: string;
    status: PaymentStatus;
    failureReason?: string | null;
    at: Date;
  },
): Promise<void> {
  await tx
    .insert(payments)
    .values({
      id: createId("payment", { at: p.at }),
      companyId: p.companyId,
      invoiceId: p.invoiceId,
      stripePaymentIntentId: p.key,
      amountCents: Math.max(0, p.amountCents),
      currency: p.currency.slice(0, 3).toLowerCase(),
      status: p.status,
      failureReason: p.failureReason?.slice(0, 255) ?? null,
      createdAt: p.at,
    })
    .onDuplicateKeyUpdate({ set: { id: sql`${payments.id}` } });
}
