import { and, asc, eq, gt, or, type SQL } from "drizzle-orm";
import { cacheKeyOf } from "@/lib/cache/cache-key-of";
import { cached } from "@/lib/cache/cached";
import type { CachedResult } from "@/lib/cache/types";
import { getDb } from "@/lib/db/client";
import { customers } from "@/lib/db/schema/customers";
import { forCompany } from "@/lib/db/tenant";
import { decodeCustomerCursor, encodeCustomerCursor } from "./customer-cursor";
import { customerSearchCondition } from "./customer-search-condition";
import type { CustomerView, ListCustomersQuery } from "./schemas";
import { toCustomerView } from "./to-customer-view";

export interface CustomerPage {
  items: CustomerView[];
  nextCursor: string | null;
}

/**
 * One page of the company's customers in name order (keyset on name, id), optionally searched
 * (customerSearchCondition: full text over name and email, a phone however typed); through the
 * cache (resource "customers", L2 600 s, keyed by the hash of q + cursor + limit). A text that
 * names nothing searchable (one letter, a stopword) matches no one rather than everyone.
 */
export async function listCustomers(
  companyId: string,
  query: ListCustomersQuery,
  opts: { fresh?: boolean } = {},
): Promise<CachedResult<CustomerPage>> {
  const { q, limit, cursor } = query;
  const position = cursor ? decodeCustomerCursor(cursor) : undefined;
  return cached(
    { resource: "customers", companyId, key: `list:${await cacheKeyOf({ q, limit, cursor })}`, bypass: opts.fresh },
    async () => {
      const search = q === undefined ? undefined : customerSearchCondition(q);
      if (search === null) return { items: [], nextCursor: null };
      const after: SQL | undefined = position
        ? or(gt(customers.name, position.name), and(eq(customers.name, position.name), gt(customers.id, position.id)))
        : undefined;
      const rows = await getDb()
        .select()
        .from(customers)
        .where(forCompany(customers, companyId, search, after))
        .orderBy(asc(customers.name), asc(customers.id))
        .limit(limit + 1);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map(toCustomerView),
        nextCursor: rows.length > limit && last ? encodeCustomerCursor({ name: last.name, id: last.id }) : null,
      };
    },
  );
}
