import { and, eq, gte, lt, lte, or, type SQL } from "drizzle-orm";
import { calls } from "@/lib/db/schema/calls";
import type { CallCursor } from "./call-cursor";
import type { ResolvedCallFilters } from "./resolve-call-filters";

/** The structured filters as conditions on `calls` (the text search `q` is handled by select-call-page.ts). */
export function callFilterConditions(f: ResolvedCallFilters): SQL[] {
  const conds: Array<SQL | undefined> = [
    f.from ? gte(calls.startedAt, f.from) : undefined,
    f.to ? lt(calls.startedAt, f.to) : undefined,
    f.status ? eq(calls.status, f.status) : undefined,
    f.direction ? eq(calls.direction, f.direction) : undefined,
    f.sentiment ? eq(calls.sentiment, f.sentiment) : undefined,
    f.customerId ? eq(calls.customerId, f.customerId) : undefined,
  ];
  return conds.filter((c): c is SQL => c !== undefined);
}

/**
 * Rows after the cursor in (started_at desc, id desc) order. Written as `started_at <= t AND
 * (started_at < t OR id < i)` rather than a row comparison: the first term is a range the index
 * (company_id, started_at, id) can seek to, which MariaDB does not do for `(a, b) < (x, y)`.
 */
export function afterCursor(c: CallCursor): SQL {
  return and(lte(calls.startedAt, c.startedAt), or(lt(calls.startedAt, c.startedAt), lt(calls.id, c.id))) as SQL;
}
