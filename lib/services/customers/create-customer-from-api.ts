import { ApiError } from "@/lib/api/errors";
import { runIdempotent } from "@/lib/api/run-idempotent";
import { createCustomer } from "./create-customer";
import { loadCustomer } from "./load-customer";
import type { CreateCustomerInput, CustomerView } from "./schemas";
import { toCustomerView } from "./to-customer-view";

/**
 * POST /api/v1/customers: createCustomer behind the Idempotency-Key (the same key and body within
 * 24 h answer with the customer the first request made, instead of a 409 for its own phone).
 */
export async function createCustomerFromApi(
  companyId: string,
  input: CreateCustomerInput,
  idempotencyKey: string | null,
): Promise<{ customer: CustomerView; replayed: boolean }> {
  const { value, replayed } = await runIdempotent({
    companyId,
    scope: "customers",
    key: idempotencyKey,
    body: input,
    create: async () => {
      const customer = await createCustomer(companyId, input);
      return { id: customer.id, value: customer };
    },
    replay: async (id) => {
      try {
        return toCustomerView(await loadCustomer(companyId, id));
      } catch (err) {
        if (err instanceof ApiError && err.code === "not_found") return null;
        throw err;
      }
    },
  });
  return { customer: value, replayed };
}
