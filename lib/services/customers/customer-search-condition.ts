import { eq, like, or, sql, type SQL } from "drizzle-orm";
import { customers } from "@/lib/db/schema/customers";
import { normalizePhone } from "@/lib/phone/normalize-phone";
import { fullTextTerms, phoneDigits } from "@/lib/services/calls/full-text-terms";

/**
 * What a search box's text matches among a company's customers (combine with forCompany), or null
 * when it names nothing searchable:
 * - a phone number however it is typed (`(617) 555-0123`, `+16175550123`, `617.555.0123`, or 4+ of
 *   its digits): the number normalised to E.164, or those digits anywhere in the stored number — a
 *   range of the (company_id, phone) index, not of the rows;
 * - anything else: every word of the name or email as a prefix (FULLTEXT `customers_search_ft`), or
 *   the exact email. A text with letters is never a phone number, so each query reads one index.
 */
export function customerSearchCondition(q: string): SQL | null {
  const digits = phoneDigits(q);
  if (digits) {
    const e164 = normalizePhone(q);
    return e164 ? (or(eq(customers.phone, e164), like(customers.phone, `%${digits}%`)) as SQL) : like(customers.phone, `%${digits}%`);
  }
  const terms = fullTextTerms(q);
  const match = terms ? sql`match(${customers.name}, ${customers.phone}, ${customers.email}) against (${terms} in boolean mode)` : null;
  const exactEmail = q.includes("@") ? eq(customers.email, q.trim()) : null;
  if (match && exactEmail) return or(match, exactEmail) as SQL;
  return match ?? exactEmail;
}
