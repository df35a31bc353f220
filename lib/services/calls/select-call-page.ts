import { and, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { calls } from "@/lib/db/schema/calls";
import { customers } from "@/lib/db/schema/customers";
import { forCompany } from "@/lib/db/tenant";
import { callListColumns, type CallListRow } from "./call-columns";
import { afterCursor, callFilterConditions } from "./call-filter-conditions";
import type { CallCursor } from "./call-cursor";
import { findMatchingCustomerIds } from "./find-matching-customer-ids";
import { fullTextTerms } from "./full-text-terms";
import { pickCallIndex, type CallListIndex } from "./pick-call-index";
import type { ResolvedCallFilters } from "./resolve-call-filters";

/**
 * One keyset query: the company's calls matching `conds`, after the cursor, newest first, read
 * through `index` (see pick-call-index.ts); null leaves the choice to the optimizer (FULLTEXT).
 */
export function callPageQuery(companyId: string, conds: SQL[], cursor: CallCursor | undefined, take: number, index: CallListIndex | null) {
  return getDb()
    .select(callListColumns)
    .from(calls, index ? { forceIndex: index } : undefined)
    .leftJoin(customers, and(eq(customers.companyId, calls.companyId), eq(customers.id, calls.customerId)))
    .where(forCompany(calls, companyId, ...conds, cursor ? afterCursor(cursor) : undefined))
    .orderBy(desc(calls.startedAt), desc(calls.id))
    .limit(take);
}

const newestFirst = (a: CallListRow, b: CallListRow) =>
  b.startedAt.getTime() - a.startedAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/**
 * Up to `take` rows after the cursor. Without `q` that is one range read of the index
 * pickCallIndex names. With `q` the match is "transcript words OR a matching customer": an OR
 * across a FULLTEXT index and a B-tree can use neither, so each side runs as its own keyset query
 * (FULLTEXT `calls_transcript_ft`, then a filesort of the matches; index (company_id, customer_id,
 * started_at)) and the two pages merge here: the first `take` of their union is the union's first `take`.
 */
export async function selectCallPage(
  companyId: string,
  filters: ResolvedCallFilters,
  cursor: CallCursor | undefined,
  take: number,
): Promise<CallListRow[]> {
  const conds = callFilterConditions(filters);
  if (!filters.q) return callPageQuery(companyId, conds, cursor, take, pickCallIndex(filters));

  const terms = fullTextTerms(filters.q);
  const customerIds = await findMatchingCustomerIds(companyId, filters.q);
  const branches: Array<Promise<CallListRow[]>> = [];
  if (terms)
    branches.push(
      callPageQuery(companyId, [...conds, sql`match(${calls.transcript}) against (${terms} in boolean mode)`], cursor, take, null),
    );
  if (customerIds.length > 0)
    branches.push(
      callPageQuery(companyId, [...conds, inArray(calls.customerId, customerIds)], cursor, take, "calls_company_customer_started_idx"),
    );

  const merged = new Map<string, CallListRow>();
  for (const row of (await Promise.all(branches)).flat()) merged.set(row.id, row);
  return [...merged.values()].sort(newestFirst).slice(0, take);
}
