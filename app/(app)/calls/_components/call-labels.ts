import type { BadgeTone } from "@/components/ui/badge";
import type { CallListItem } from "@/lib/services/calls/schemas";

export { formatDuration } from "@/components/charts/format";
export { formatPhone } from "@/lib/phone/format-phone";

export type CallStatus = CallListItem["status"];
export type CallDirection = CallListItem["direction"];
export type CallSentiment = NonNullable<CallListItem["sentiment"]>;

/** Retell's call statuses in words (the Record keeps the list complete when the schema grows). */
export const STATUS_LABELS: Record<CallStatus, { label: string; tone: BadgeTone }> = {
  ended: { label: "Ended", tone: "neutral" },
  error: { label: "Error", tone: "danger" },
  ongoing: { label: "Live", tone: "info" },
  registered: { label: "Ringing", tone: "info" },
};

export const DIRECTION_LABELS: Record<CallDirection, string> = { inbound: "Inbound", outbound: "Outbound" };

export const SENTIMENT_LABELS: Record<CallSentiment, { label: string; tone: BadgeTone }> = {
  positive: { label: "Positive", tone: "success" },
  neutral: { label: "Neutral", tone: "neutral" },
  negative: { label: "Negative", tone: "danger" },
  unknown: { label: "Unknown", tone: "neutral" },
};

export const CALL_STATUSES = Object.keys(STATUS_LABELS) as CallStatus[];
export const CALL_DIRECTIONS = Object.keys(DIRECTION_LABELS) as CallDirection[];
export const CALL_SENTIMENTS = Object.keys(SENTIMENT_LABELS) as CallSentiment[];

/** The other party's number: the caller of an inbound call, the callee of an outbound one. */
export const otherParty = (c: Pick<CallListItem, "direction" | "fromNumber" | "toNumber">): string | null =>
  c.direction === "inbound" ? c.fromNumber : c.toNumber;

/** Date and time in the company's zone ("Mar 9, 2:14 PM"), the same on server and browser. */
export function callTimeFormat(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat("en-US", { timeZone, month: "short", day: "numeric", hour: "numeric", minute: "2-digit" });
}
