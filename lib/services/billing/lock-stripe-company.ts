import { eq } from "drizzle-orm";
import { companies, type Company } from "@/lib/db/schema/companies";
import type { Tx } from "@/lib/db/tenant";
import { isId } from "@/lib/ids/is-id";

/**
 * The company a Stripe object belongs to, locked for the transaction (so its subscription events
 * apply one at a time): by Stripe customer id (set at checkout, unique), else by the company id we
 * put in the metadata / client_reference_id at checkout — as long as that company has no other
 * Stripe customer. Null when nothing matches.
 */
export async function lockStripeCompany(tx: Tx, ref: { customerId: string | null; companyId?: string | null }): Promise<Company | null> {
  if (ref.customerId) {
    const [byCustomer] = await tx.select().from(companies).where(eq(companies.stripeCustomerId, ref.customerId)).limit(1).for("update");
    if (byCustomer) return byCustomer;
  }
  if (!isId(ref.companyId)) return null;
  const [byId] = await tx.select().from(companies).where(eq(companies.id, ref.companyId)).limit(1).for("update");
  if (!byId) return null;
  return byId.stripeCustomerId === null || byId.stripeCustomerId === ref.customerId ? byId : null;
}
