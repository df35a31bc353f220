import type { CallListItem } from "@/lib/services/calls/schemas";
import { csvRow, type CsvValue } from "./csv-cell";

/**
 * The columns of the calls CSV, in order: what the call list shows, nothing internal (no company,
 * Retell id, cost, transcript or raw analysis). Values come from the list's own response shape.
 */
export const CALL_CSV_COLUMNS = [
  ["id", (c) => c.id],
  ["started_at", (c) => c.startedAt],
  ["direction", (c) => c.direction],
  ["status", (c) => c.status],
  ["answered", (c) => c.answered],
  ["duration_seconds", (c) => c.durationSec],
  ["from", (c) => c.fromNumber],
  ["to", (c) => c.toNumber],
  ["customer_name", (c) => c.customer?.name],
  ["customer_phone", (c) => c.customer?.phone],
  ["sentiment", (c) => c.sentiment],
  ["summary", (c) => c.summary],
] as const satisfies ReadonlyArray<readonly [string, (call: CallListItem) => CsvValue]>;

export const CALL_CSV_HEADER = csvRow(CALL_CSV_COLUMNS.map(([name]) => name));

/** A batch of calls as CSV records (one string, so the writer makes one write per batch). */
export function callCsvRows(items: readonly CallListItem[]): string {
  return items.map((call) => csvRow(CALL_CSV_COLUMNS.map(([, value]) => value(call)))).join("");
}
