import type { Call } from "@/lib/db/schema/calls";
import { CALL_STATUS_RANK, type RetellCallFacts } from "./retell-call-facts";

const FILLED = [
  "agentId",
  "fromNumber",
  "toNumber",
  "endedAt",
  "durationMs",
  "transcript",
  "recordingUrl",
  "disconnectionReason",
  "analysis",
  "sentiment",
  "costCents",
  "startedAt",
] as const;

const same = (a: unknown, b: unknown) =>
  a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The changes an event makes to a call row, whatever order events arrive in: the status only moves
 * forward (CALL_STATUS_RANK; between ended and error the first one stays), a field the event carries
 * is written, a field it does not carry is kept — so call_analyzed before call_ended, or a late
 * call_started, ends in the same row as the events in order.
 */
export function mergeCall(row: Call, facts: RetellCallFacts): Partial<Call> {
  const changes: Partial<Call> = {};
  if (CALL_STATUS_RANK[facts.status] > CALL_STATUS_RANK[row.status]) changes.status = facts.status;
  for (const field of FILLED) {
    const value = facts[field];
    if (value !== undefined && !same(row[field], value)) (changes as Record<string, unknown>)[field] = value;
  }
  return changes;
}
