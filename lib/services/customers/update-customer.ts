import { eq } from "drizzle-orm";
import { invalidate } from "@/lib/cache/invalidate";
import { isDuplicateKey } from "@/lib/db/is-duplicate-key";
import { customers } from "@/lib/db/schema/customers";
import { forCompany } from "@/lib/db/tenant";
import { writeTransaction } from "@/lib/db/write-transaction";
import { assertCustomerUnique, duplicateCustomerError } from "./assert-customer-unique";
import { loadCustomer } from "./load-customer";
import type { CustomerView, UpdateCustomerInput } from "./schemas";
import { toCustomerView } from "./to-customer-view";

/**
 * Changes the fields sent (null clears phone, email or notes); 404 for another company's id, 409
 * with the field when the new phone or email is another customer's (an unchanged one is not
 * checked again, so customers already known twice stay editable). Emits `customers.updated`, which
 * also reaches the dashboard, the calls and the bookings (calendar, detail) that show the name.
 */
export async function updateCustomer(companyId: string, id: string, input: UpdateCustomerInput): Promise<CustomerView> {
  try {
    await writeTransaction(async (tx) => {
      const current = await loadCustomer(companyId, id, tx, { forUpdate: true });
      await assertCustomerUnique(
        tx,
        companyId,
        {
          phone: input.phone !== undefined && input.phone !== current.phone ? input.phone : null,
          email: input.email !== undefined && input.email !== current.email?.toLowerCase() ? input.email : null,
        },
        id,
      );
      await tx
        .update(customers)
        .set({
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.phone !== undefined ? { phone: input.phone } : {}),
          ...(input.email !== undefined ? { email: input.email } : {}),
          ...(input.notes !== undefined ? { notes: input.notes } : {}),
          ...(input.tags !== undefined ? { tags: input.tags } : {}),
        })
        .where(forCompany(customers, companyId, eq(customers.id, id)));
    });
  } catch (err) {
    if (isDuplicateKey(err, "customers_company_phone_uq")) throw duplicateCustomerError("phone");
    throw err;
  }
  await invalidate("customers.updated", { companyId });
  return toCustomerView(await loadCustomer(companyId, id));
}
