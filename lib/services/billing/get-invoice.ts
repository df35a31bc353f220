import { eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { invoices } from "@/lib/db/schema/invoices";
import { findOneOr404, forCompany } from "@/lib/db/tenant";
import type { InvoiceItem } from "./schemas";
import { toInvoiceItem } from "./to-invoice-item";

/** One of the company's invoices; another company's id is a 404, as an unknown one. */
export async function getInvoice(companyId: string, id: string): Promise<InvoiceItem> {
  const row = await findOneOr404(
    getDb()
      .select()
      .from(invoices)
      .where(forCompany(invoices, companyId, eq(invoices.id, id)))
      .limit(1),
    "No such invoice.",
  );
  return toInvoiceItem(row);
}
