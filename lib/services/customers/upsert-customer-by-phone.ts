import { eq, sql } from "drizzle-orm";
import { customers } from "@/lib/db/schema/customers";
import { forCompany, type Tx } from "@/lib/db/tenant";
import { createId } from "@/lib/ids/create-id";

export interface CustomerRef {
  id: string;
  /** True when this call made the row (the customers cache must then be invalidated). */
  created: boolean;
}

/**
 * The company's customer with this phone number, created (named after the number unless a name is
 * known) when there is none. One customer per number per company is a unique index, so concurrent
 * calls from one new number end with one row; the read after the upsert is a locking read, which
 * sees the row another transaction just committed.
 */
export async function upsertCustomerByPhone(
  tx: Tx,
  companyId: string,
  phone: string,
  extra: { name?: string | null; email?: string | null } = {},
): Promise<CustomerRef> {
  const id = createId("customer");
  await tx
    .insert(customers)
    .values({ id, companyId, phone, name: (extra.name?.trim() || phone).slice(0, 191), email: extra.email?.slice(0, 191) ?? null })
    .onDuplicateKeyUpdate({ set: { id: sql`${customers.id}`, updatedAt: sql`${customers.updatedAt}` } });
  const [row] = await tx
    .select({ id: customers.id })
    .from(customers)
    .where(forCompany(customers, companyId, eq(customers.phone, phone)))
    .limit(1)
    .for("update");
  if (!row) throw new Error("customer upsert found no row");
  return { id: row.id, created: row.id === id };
}
