import { invalidate } from "@/lib/cache/invalidate";
import { isDuplicateKey } from "@/lib/db/is-duplicate-key";
import { writeTransaction } from "@/lib/db/write-transaction";
import { customers } from "@/lib/db/schema/customers";
import { createId } from "@/lib/ids/create-id";
import { assertCustomerUnique, duplicateCustomerError } from "./assert-customer-unique";
import { loadCustomer } from "./load-customer";
import type { CreateCustomerInput, CustomerView } from "./schemas";
import { toCustomerView } from "./to-customer-view";

/**
 * A new customer of the company (phone already E.164 and email lower-cased by the schema); 409 with
 * the field when another customer has the phone or the email. Emits `customers.updated`.
 */
export async function createCustomer(companyId: string, input: CreateCustomerInput): Promise<CustomerView> {
  const id = createId("customer");
  try {
    await writeTransaction(async (tx) => {
      await assertCustomerUnique(tx, companyId, input);
      await tx.insert(customers).values({
        id,
        companyId,
        name: input.name,
        phone: input.phone ?? null,
        email: input.email ?? null,
        notes: input.notes ?? null,
        tags: input.tags ?? [],
      });
    });
  } catch (err) {
    if (isDuplicateKey(err, "customers_company_phone_uq")) throw duplicateCustomerError("phone");
    throw err;
  }
  await invalidate("customers.updated", { companyId });
  return toCustomerView(await loadCustomer(companyId, id));
}
