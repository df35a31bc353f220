import { eq, sql } from "drizzle-orm";
import { customers } from "@/lib/db/schema/customers";
import { forCompany, type Tx } from "@/lib/db/tenant";
import { createId } from "@/lib/ids/create-id";

export interface CustomerRef {
  id: string;
  /** True when this call made the row (the customers cache must then be invalidated). */
  created: boolean;
}

const E164 = /^\+[1-9]\d{6,14}$/;
export const isE164 = (v: string | null | undefined): v is string => typeof v === "string" && E164.test(v);

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

/**
 * The customer a booking's attendee is: by phone when Cal.com has one, else by email (the first
 * customer with it), else a new customer with the attendee's name and email. The email lookup locks
 * its index range, so two bookings of one new attendee processed at once create one customer.
 */
export async function findOrCreateCustomer(
  tx: Tx,
  companyId: string,
  who: { name?: string | null; email?: string | null; phone?: string | null },
): Promise<CustomerRef | null> {
  if (isE164(who.phone)) return upsertCustomerByPhone(tx, companyId, who.phone, { name: who.name, email: who.email });
  const email = who.email?.trim();
  if (!email) return null;
  const [found] = await tx
    .select({ id: customers.id })
    .from(customers)
    .where(forCompany(customers, companyId, eq(customers.email, email)))
    .orderBy(customers.id)
    .limit(1)
    .for("update");
  if (found) return { id: found.id, created: false };
  const id = createId("customer");
  await tx.insert(customers).values({ id, companyId, name: (who.name?.trim() || email).slice(0, 191), email: email.slice(0, 191) });
  return { id, created: true };
}

/** The id if it is a customer of this company, else null (ids in vendor metadata are never trusted blindly). */
export async function customerOfCompany(tx: Tx, companyId: string, customerId: unknown): Promise<string | null> {
  if (typeof customerId !== "string" || customerId.length === 0 || customerId.length > 40) return null;
  const [row] = await tx
    .select({ id: customers.id })
    .from(customers)
    .where(forCompany(customers, companyId, eq(customers.id, customerId)))
    .limit(1);
  return row?.id ?? null;
}
