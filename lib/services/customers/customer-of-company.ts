import { eq } from "drizzle-orm";
import { customers } from "@/lib/db/schema/customers";
import { forCompany, type Tx } from "@/lib/db/tenant";
import { isId } from "@/lib/ids/is-id";

/** The id if it is a customer of this company, else null (ids in vendor metadata are never trusted blindly). */
export async function customerOfCompany(tx: Tx, companyId: string, customerId: unknown): Promise<string | null> {
  if (!isId(customerId)) return null;
  const [row] = await tx
    .select({ id: customers.id })
    .from(customers)
    .where(forCompany(customers, companyId, eq(customers.id, customerId)))
    .limit(1);
  return row?.id ?? null;
}
