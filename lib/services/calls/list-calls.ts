import { cached } from "@/lib/cache/cached";
import { cacheKeyOf } from "@/lib/cache/cache-key-of";
import type { CachedResult } from "@/lib/cache/types";
import { decodeCallCursor, encodeCallCursor } from "./call-cursor";
import { resolveCallFilters } from "./resolve-call-filters";
import type { CallListItem, ListCallsQuery } from "./schemas";
import { selectCallPage } from "./select-call-page";
import { toCallListItem } from "./to-call-list-item";

export interface CallPage {
  items: CallListItem[];
  nextCursor: string | null;
}

/**
 * One page of the company's calls, newest first (keyset on started_at, id), filtered; through the
 * cache (resource "calls", 30 s, keyed by the hash of filters + cursor + limit; `fields` is applied
 * after, by the response transform, so it shares the entry). A bad cursor or
 * range is refused before the cache is consulted.
 */
export async function listCalls(companyId: string, query: ListCallsQuery, opts: { fresh?: boolean } = {}): Promise<CachedResult<CallPage>> {
  const { limit, cursor, fields: _fields, ...filters } = query;
  const position = cursor ? decodeCallCursor(cursor) : undefined;
  const resolved = await resolveCallFilters(companyId, filters);
  return cached(
    { resource: "calls", companyId, key: `list:${await cacheKeyOf({ ...filters, limit, cursor })}`, bypass: opts.fresh },
    async () => {
      const rows = await selectCallPage(companyId, resolved, position, limit + 1);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map(toCallListItem),
        nextCursor: rows.length > limit && last ? encodeCallCursor(last) : null,
      };
    },
  );
}
