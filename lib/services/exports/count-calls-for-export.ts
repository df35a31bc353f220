import { count, inArray, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { calls } from "@/lib/db/schema/calls";
import { forCompany } from "@/lib/db/tenant";
import { callFilterConditions } from "@/lib/services/calls/call-filter-conditions";
import { findMatchingCustomerIds } from "@/lib/services/calls/find-matching-customer-ids";
import { fullTextTerms } from "@/lib/services/calls/full-text-terms";
import { resolveCallFilters } from "@/lib/services/calls/resolve-call-filters";
import type { CallFilters } from "@/lib/services/calls/schemas";

async function countWhere(companyId: string, conds: SQL[]): Promise<number> {
  const [row] = await getDb()
    .select({ n: count() })
    .from(calls)
    .where(forCompany(calls, companyId, ...conds));
  return row?.n ?? 0;
}

/**
 * How many calls `listCallsForExport` will hand over for these filters (the export's progress is
 * written against it). The same match as select-call-page.ts: without `q` one indexed COUNT; with
 * `q` "transcript words OR a matching customer", counted as |A| + |B| − |A∩B| so each COUNT can use
 * its own index (an OR across FULLTEXT and a B-tree can use neither).
 */
export async function countCallsForExport(companyId: string, filters: CallFilters): Promise<number> {
  const resolved = await resolveCallFilters(companyId, filters);
  const conds = callFilterConditions(resolved);
  if (!resolved.q) return countWhere(companyId, conds);

  const terms = fullTextTerms(resolved.q);
  const customerIds = await findMatchingCustomerIds(companyId, resolved.q);
  const words = terms ? sql`match(${calls.transcript}) against (${terms} in boolean mode)` : null;
  const byCustomer = customerIds.length > 0 ? inArray(calls.customerId, customerIds) : null;
  if (words && byCustomer) {
    const [a, b, both] = await Promise.all([
      countWhere(companyId, [...conds, words]),
      countWhere(companyId, [...conds, byCustomer]),
      countWhere(companyId, [...conds, words, byCustomer]),
    ]);
    return a + b - both;
  }
  if (words) return countWhere(companyId, [...conds, words]);
  if (byCustomer) return countWhere(companyId, [...conds, byCustomer]);
  return 0;
}
