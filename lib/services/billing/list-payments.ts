import { desc, lt } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { payments } from "@/lib/db/schema/payments";
import { forCompany } from "@/lib/db/tenant";
import type { ListPaymentsQuery, PaymentItem } from "./schemas";

/** A company's payment attempts, newest first (keyset on the time-sortable id); never a card detail. */
export async function listPayments(
  companyId: string,
  query: Partial<ListPaymentsQuery> = {},
): Promise<{ items: PaymentItem[]; nextCursor: string | null }> {
  const limit = query.limit ?? 25;
  const rows = await getDb()
    .select()
    .from(payments)
    .where(forCompany(payments, companyId, query.cursor ? lt(payments.id, query.cursor) : undefined))
    .orderBy(desc(payments.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return {
    items: page.map((r) => ({
      id: r.id,
      invoiceId: r.invoiceId,
      amountCents: r.amountCents,
      currency: r.currency,
      status: r.status,
      failureReason: r.failureReason,
      createdAt: r.createdAt.toISOString(),
    })),
    nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
  };
}
