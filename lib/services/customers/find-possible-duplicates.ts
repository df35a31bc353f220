import { and, asc, eq, ne, or, type SQL } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { customers, type Customer } from "@/lib/db/schema/customers";
import { forCompany } from "@/lib/db/tenant";

const MAX = 10;

/**
 * Other customers of the company with the same phone (E.164, as stored) or the same email (trimmed,
 * compared case-insensitively by the column's collation): merge candidates. Two index lookups,
 * (company_id, phone) and (company_id, email).
 */
export async function findPossibleDuplicates(companyId: string, customer: Pick<Customer, "id" | "phone" | "email">) {
  const same: SQL[] = [];
  if (customer.phone) same.push(eq(customers.phone, customer.phone));
  const email = customer.email?.trim();
  if (email) same.push(eq(customers.email, email));
  if (same.length === 0) return [];
  return getDb()
    .select({ id: customers.id, name: customers.name, phone: customers.phone, email: customers.email })
    .from(customers)
    .where(forCompany(customers, companyId, and(ne(customers.id, customer.id), or(...same))))
    .orderBy(asc(customers.name), asc(customers.id))
    .limit(MAX);
}
