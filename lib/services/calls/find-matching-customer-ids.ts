import { eq, like, or, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { customers } from "@/lib/db/schema/customers";
import { forCompany } from "@/lib/db/tenant";
import { fullTextTerms, phoneDigits } from "./full-text-terms";

/** More matching customers than this and the search is too vague to be about "a customer". */
const MAX_CUSTOMERS = 200;

/**
 * The company's customers a search text names: words of the name or email (FULLTEXT
 * `customers_search_ft`), an exact email, or phone digits anywhere in the number. A company has
 * thousands of customers, not millions, so the phone LIKE over its rows stays cheap.
 */
export async function findMatchingCustomerIds(companyId: string, q: string): Promise<string[]> {
  const terms = fullTextTerms(q);
  const digits = phoneDigits(q);
  const conds: SQL[] = [];
  if (terms) conds.push(sql`match(${customers.name}, ${customers.phone}, ${customers.email}) against (${terms} in boolean mode)`);
  if (q.includes("@")) conds.push(eq(customers.email, q));
  if (digits) conds.push(like(customers.phone, `%${digits}%`));
  if (conds.length === 0) return [];
  const rows = await getDb()
    .select({ id: customers.id })
    .from(customers)
    .where(forCompany(customers, companyId, or(...conds)))
    .limit(MAX_CUSTOMERS);
  return rows.map((r) => r.id);
}
