import { asc, like, or } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { customers } from "@/lib/db/schema/customers";
import { forCompany } from "@/lib/db/tenant";

export interface CustomerPick {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
}

/**
 * A few customers for a picker (booking): name or email starting with `q`, or a phone holding its
 * digits. Deliberately small — the full search (full-text, phone spellings, paging) is
 * GET /api/v1/customers.
 */
export async function lookupCustomers(companyId: string, q: string, limit = 10): Promise<CustomerPick[]> {
  const text = q.trim().replace(/[%_\\]/g, "\\$&");
  const digits = q.replace(/\D/g, "");
  return getDb()
    .select({ id: customers.id, name: customers.name, phone: customers.phone, email: customers.email })
    .from(customers)
    .where(
      forCompany(
        customers,
        companyId,
        or(
          like(customers.name, `${text}%`),
          like(customers.email, `${text}%`),
          digits.length >= 3 ? like(customers.phone, `%${digits}%`) : undefined,
        ),
      ),
    )
    .orderBy(asc(customers.name), asc(customers.id))
    .limit(limit);
}
