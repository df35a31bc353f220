import { eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import type { Customer } from "@/lib/db/schema/customers";
import { customers } from "@/lib/db/schema/customers";
import { findOneOr404, forCompany, type DbExecutor } from "@/lib/db/tenant";

/**
 * One customer row of the company, or 404 (another company's id answers the same, so ids cannot be
 * probed). `forUpdate` locks it inside a transaction.
 */
export function loadCustomer(
  companyId: string,
  id: string,
  db: DbExecutor = getDb(),
  opts: { forUpdate?: boolean } = {},
): Promise<Customer> {
  const query = db
    .select()
    .from(customers)
    .where(forCompany(customers, companyId, eq(customers.id, id)))
    .limit(1);
  return findOneOr404(opts.forUpdate ? query.for("update") : query, "Customer not found.");
}
