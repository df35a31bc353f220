/** "Mon, Mar 9, 2026, 2:14:05 PM EDT" in the company's zone: identical wherever it is rendered. */
export function formatInstant(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", {
    timeZone,
    weekday: "short",
    month: "short",
    day: "numeric",
    year: "numeric",
    hour: "numeric",
    minute: "2-digit",
    second: "2-digit",
    timeZoneName: "short",
  }).format(new Date(iso));
}

/** "Tue, Mar 10, 10:00 – 10:30 AM EDT" for an appointment, in its own zone. */
export function formatSlot(startIso: string, endIso: string, timeZone: string): string {
  const f = new Intl.DateTimeFormat("en-US", {
    timeZone,
    weekday: "short",
    month: "short",
    day: "numeric",
    year: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
  });
  return f.formatRange(new Date(startIso), new Date(endIso));
}

const REASONS: Record<string, string> = {
  user_hangup: "Caller hung up",
  agent_hangup: "Agent ended the call",
  call_transfer: "Transferred",
  voicemail_reached: "Reached voicemail",
  machine_detected: "Answering machine",
  inactivity: "No response from the caller",
  max_duration_reached: "Maximum length reached",
  dial_no_answer: "No answer",
  dial_busy: "Line busy",
  dial_failed: "Could not dial",
  registered_call_timeout: "Never connected",
  concurrency_limit_reached: "Too many calls at once",
};

/** Retell's disconnection reason in words ("user_hangup" → "Caller hung up"; errors keep their code). */
export function describeDisconnection(reason: string | null): string | null {
  if (!reason) return null;
  if (REASONS[reason]) return REASONS[reason];
  if (reason.startsWith("error_")) return `Error (${reason.slice(6).replace(/_/g, " ")})`;
  const words = reason.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
