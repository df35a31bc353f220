import { isAnsweredCall } from "./answered-call";
import type { CallListRow } from "./call-columns";
import { callListItemSchema, type CallListItem } from "./schemas";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A row as the API shows it, shaped through the response schema. */
export function toCallListItem(row: CallListRow): CallListItem {
  return callListItemSchema.parse({
    id: row.id,
    direction: row.direction,
    status: row.status,
    answered: isAnsweredCall(row),
    startedAt: row.startedAt.toISOString(),
    endedAt: iso(row.endedAt),
    durationSec: row.durationMs === null ? null : Math.round(row.durationMs / 1000),
    fromNumber: row.fromNumber,
    toNumber: row.toNumber,
    sentiment: row.sentiment,
    summary: row.summary,
    hasRecording: row.hasRecording === 1,
    customer: row.customerId && row.customerName !== null ? { id: row.customerId, name: row.customerName, phone: row.customerPhone } : null,
  });
}
