import { desc, lt } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { invoices } from "@/lib/db/schema/invoices";
import { forCompany } from "@/lib/db/tenant";
import type { InvoiceItem, ListInvoicesQuery } from "./schemas";
import { toInvoiceItem } from "./to-invoice-item";

/** A company's invoices, newest first (keyset on the time-sortable id; `cursor` = the last id of the previous page). */
export async function listInvoices(
  companyId: string,
  query: Partial<ListInvoicesQuery> = {},
): Promise<{ items: InvoiceItem[]; nextCursor: string | null }> {
  const limit = query.limit ?? 25;
  const rows = await getDb()
    .select()
    .from(invoices)
    .where(forCompany(invoices, companyId, query.cursor ? lt(invoices.id, query.cursor) : undefined))
    .orderBy(desc(invoices.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return {
    items: page.map(toInvoiceItem),
    nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
  };
}
