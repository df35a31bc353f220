import { getDb } from "@/lib/db/client";
import { customers } from "@/lib/db/schema/customers";
import { forCompany } from "@/lib/db/tenant";
import { customerSearchCondition } from "@/lib/services/customers/customer-search-condition";

/** More matching customers than this and the search is too vague to be about "a customer". */
const MAX_CUSTOMERS = 200;

/**
 * The company's customers a search text names (the customer search's own condition: words of the
 * name or email, an exact email, or a phone number however typed).
 */
export async function findMatchingCustomerIds(companyId: string, q: string): Promise<string[]> {
  const cond = customerSearchCondition(q);
  if (!cond) return [];
  const rows = await getDb()
    .select({ id: customers.id })
    .from(customers)
    .where(forCompany(customers, companyId, cond))
    .limit(MAX_CUSTOMERS);
  return rows.map((r) => r.id);
}
