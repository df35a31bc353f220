import { sql, type SQL } from "drizzle-orm";
import { calls, type Call } from "@/lib/db/schema/calls";

/** Shorter than this, nobody had a conversation (a hang-up during the greeting, a misdial). */
export const ANSWERED_MIN_DURATION_MS = 15_000;

/**
 * Retell disconnection reasons that mean the agent talked to no one: a voicemail box, an answering
 * machine, silence on the line, or an outbound dial that never connected.
 */
export const NO_CONVERSATION_REASONS = [
  "voicemail_reached",
  "machine_detected",
  "inactivity",
  "dial_no_answer",
  "dial_busy",
  "dial_failed",
  "registered_call_timeout",
] as const;

/**
 * "Answered" — a call that ended with a real conversation: status `ended` (not live, not an
 * error), at least 15 s long, and not ended on voicemail, a machine, silence or a failed dial.
 * The dashboard's answered count, answer rate, average duration and conversion all use this one
 * definition; the SQL and JS forms below must stay in step (tests compare them on the demo data).
 */
export function answeredCallSql(): SQL {
  const reasons = sql.join(
    NO_CONVERSATION_REASONS.map((r) => sql`${r}`),
    sql`, `,
  );
  return sql`(${calls.status} = 'ended' and ${calls.durationMs} >= ${ANSWERED_MIN_DURATION_MS} and coalesce(${calls.disconnectionReason}, '') not in (${reasons}))`;
}

export function isAnsweredCall(call: Pick<Call, "status" | "durationMs" | "disconnectionReason">): boolean {
  return (
    call.status === "ended" &&
    (call.durationMs ?? 0) >= ANSWERED_MIN_DURATION_MS &&
    !(NO_CONVERSATION_REASONS as readonly string[]).includes(call.disconnectionReason ?? "")
  );
}
