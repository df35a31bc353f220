import { cacheKeyOf } from "@/lib/cache/cache-key-of";
import { cached } from "@/lib/cache/cached";
import type { CachedResult } from "@/lib/cache/types";
import { decodeCallCursor, encodeCallCursor } from "@/lib/services/calls/call-cursor";
import { loadCustomer } from "./load-customer";
import { timelineSchema, type TimelineItem, type TimelineQuery } from "./schemas";
import { selectTimelineItems } from "./select-timeline-items";

export interface TimelinePage {
  items: TimelineItem[];
  nextCursor: string | null;
}

/** Newest first; ties in time broken by id (unique across the three tables: each kind has its own prefix). */
const newestFirst = (a: TimelineItem, b: TimelineItem) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/**
 * One page of a customer's calls, bookings and emails in one list, newest first, with ONE keyset
 * cursor over (time, id) — the same opaque shape as the calls list's. Each kind is read after the
 * cursor and the merge keeps the first `limit`, so walking the pages yields every item once, in
 * order. 404 for another company's customer. Cached as "timeline" (L2 600 s), which any
 * call, booking, email or customer change of the company invalidates.
 */
export async function listCustomerTimeline(
  companyId: string,
  customerId: string,
  query: TimelineQuery,
  opts: { fresh?: boolean } = {},
): Promise<CachedResult<TimelinePage>> {
  const position = query.cursor ? decodeCallCursor(query.cursor) : undefined;
  return cached(
    {
      resource: "timeline",
      companyId,
      key: `${customerId}:${await cacheKeyOf({ limit: query.limit, cursor: query.cursor })}`,
      bypass: opts.fresh,
    },
    async () => {
      await loadCustomer(companyId, customerId);
      const rows = (await selectTimelineItems(companyId, customerId, position, query.limit + 1)).sort(newestFirst);
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: timelineSchema.parse(page),
        nextCursor: rows.length > query.limit && last ? encodeCallCursor({ startedAt: new Date(last.at), id: last.id }) : null,
      };
    },
  );
}
