import { sql } from "drizzle-orm";
import { calls } from "@/lib/db/schema/calls";
import { customers } from "@/lib/db/schema/customers";

/**
 * What a call list row reads: no transcript or analysis blob (only the summary, extracted in SQL),
 * and the customer's name and phone from a LEFT JOIN on (company_id, id). Both the list and the
 * detail select these, so a row shapes the same way everywhere.
 */
export const callListColumns = {
  id: calls.id,
  direction: calls.direction,
  status: calls.status,
  startedAt: calls.startedAt,
  endedAt: calls.endedAt,
  durationMs: calls.durationMs,
  fromNumber: calls.fromNumber,
  toNumber: calls.toNumber,
  sentiment: calls.sentiment,
  disconnectionReason: calls.disconnectionReason,
  // JSON_UNQUOTE(JSON_EXTRACT()) rather than JSON_VALUE: MySQL's JSON_VALUE caps the result at 512 characters.
  summary: sql<string | null>`json_unquote(json_extract(${calls.analysis}, '$.call_summary'))`,
  hasRecording: sql<number>`(${calls.recordingUrl} is not null)`.mapWith(Number),
  customerId: calls.customerId,
  customerName: customers.name,
  customerPhone: customers.phone,
};

export interface CallListRow {
  id: string;
  direction: (typeof calls.direction.enumValues)[number];
  status: (typeof calls.status.enumValues)[number];
  startedAt: Date;
  endedAt: Date | null;
  durationMs: number | null;
  fromNumber: string | null;
  toNumber: string | null;
  sentiment: (typeof calls.sentiment.enumValues)[number] | null;
  disconnectionReason: string | null;
  summary: string | null;
  hasRecording: number;
  customerId: string | null;
  customerName: string | null;
  customerPhone: string | null;
}
