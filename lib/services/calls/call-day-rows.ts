import type { CallDayDim } from "@/lib/db/schema/call-day-counts";
import type { Call } from "@/lib/db/schema/calls";
import { zonedDateOf, zonedFields } from "@/lib/time/zoned-date-of";
import { isAnsweredCall } from "./answered-call";

/** What the call day counts know of a call: its counted columns, and whether a booking names it. */
export type CountedCall = Pick<Call, "startedAt" | "status" | "direction" | "sentiment" | "disconnectionReason" | "durationMs"> & {
  booked: boolean;
};

/** One count of one call: `n` calls and `ms` of duration under (dim, local day, value). */
export interface CallDayRow {
  dim: CallDayDim;
  day: string;
  value: string;
  n: number;
  ms: number;
}

export const callDayKey = (r: Pick<CallDayRow, "dim" | "day" | "value">) => `${r.dim}|${r.day}|${r.value}`;

/** The local hour label ("00" … "23") an instant falls in. */
export const localHour = (at: Date | number, timezone: string) => String(zonedFields(at, timezone).hour).padStart(2, "0");

/**
 * The rows one call adds to call_day_counts in `timezone` (the same answer the raw-row recount gives,
 * lib/services/calls/count-raw-call-days.ts): one per dimension, `ms` its duration (0 when unknown).
 */
export function callDayRows(call: CountedCall, timezone: string): CallDayRow[] {
  const day = zonedDateOf(call.startedAt, timezone);
  const ms = call.durationMs ?? 0;
  const row = (dim: CallDayDim, value = ""): CallDayRow => ({ dim, day, value, n: 1, ms });
  const rows = [
    row("all"),
    row("status", call.status),
    row("direction", call.direction),
    row("sentiment", call.sentiment ?? ""),
    row("reason", call.disconnectionReason ?? ""),
    row("hour", localHour(call.startedAt, timezone)),
  ];
  if (isAnsweredCall(call)) rows.push(row("answered"));
  // Booked calls carry no duration: a booking is counted once, when it first names the call, and the
  // call's later events (its end, its duration) would otherwise have to know about it.
  if (call.booked) rows.push({ ...row("booked"), ms: 0 });
  return rows;
}
