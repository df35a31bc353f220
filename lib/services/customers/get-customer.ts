import { cached } from "@/lib/cache/cached";
import type { CachedResult } from "@/lib/cache/types";
import { findPossibleDuplicates } from "./find-possible-duplicates";
import { loadCustomer } from "./load-customer";
import { customerDetailSchema, type CustomerDetail } from "./schemas";
import { toCustomerView } from "./to-customer-view";

/** A customer's profile and its possible duplicates, through the cache (resource "customers", L2 600 s); 404 for another company's id. */
export function getCustomer(companyId: string, id: string, opts: { fresh?: boolean } = {}): Promise<CachedResult<CustomerDetail>> {
  return cached({ resource: "customers", companyId, key: `detail:${id}`, bypass: opts.fresh }, async () => {
    const row = await loadCustomer(companyId, id);
    const possibleDuplicates = await findPossibleDuplicates(companyId, row);
    return customerDetailSchema.parse({ ...toCustomerView(row), possibleDuplicates });
  });
}
