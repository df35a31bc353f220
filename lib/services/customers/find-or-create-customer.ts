import { eq } from "drizzle-orm";
import { customers } from "@/lib/db/schema/customers";
import { forCompany, type Tx } from "@/lib/db/tenant";
import { createId } from "@/lib/ids/create-id";
import { isE164 } from "@/lib/phone/is-e164";
import { upsertCustomerByPhone, type CustomerRef } from "./upsert-customer-by-phone";

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
