import { resolveCallFilters } from "./resolve-call-filters";
import { callFiltersSchema, type CallFilters, type CallListItem } from "./schemas";
import { selectCallPage } from "./select-call-page";
import { toCallListItem } from "./to-call-list-item";

export const EXPORT_BATCH_SIZE = 1_000;

/**
 * Every call matching the filters, newest first, handed to `onBatch` in keyset batches of 1 000
 * (the same query as the list, so the export has exactly the rows the list shows). The next batch
 * is read only after `onBatch` settles, so a slow writer holds back the reader and memory stays flat.
 * For the CSV export job; the filters are validated again here because a job payload is input too.
 */
export async function listCallsForExport(
  companyId: string,
  filters: CallFilters,
  onBatch: (rows: CallListItem[]) => Promise<void> | void,
  opts: { batchSize?: number } = {},
): Promise<{ rows: number }> {
  const batchSize = opts.batchSize ?? EXPORT_BATCH_SIZE;
  const resolved = await resolveCallFilters(companyId, callFiltersSchema.parse(filters));
  let total = 0;
  let cursor: { startedAt: Date; id: string } | undefined;
  for (;;) {
    const rows = await selectCallPage(companyId, resolved, cursor, batchSize);
    if (rows.length > 0) await onBatch(rows.map(toCallListItem));
    total += rows.length;
    const last = rows.at(-1);
    if (rows.length < batchSize || !last) return { rows: total };
    cursor = { startedAt: last.startedAt, id: last.id };
  }
}
