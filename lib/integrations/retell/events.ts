import { z } from "zod";
import { retellCallSchema } from "./schemas";

export const RETELL_WEBHOOK_EVENTS = ["call_started", "call_ended", "call_analyzed"] as const;
export type RetellWebhookEventType = (typeof RETELL_WEBHOOK_EVENTS)[number];

/**
 * A Retell webhook body: `{event, call}`. call_started carries the call as it began; call_ended adds
 * end_timestamp, duration_ms, transcript, recording_url and disconnection_reason; call_analyzed adds
 * call_analysis (summary, user_sentiment, call_successful, custom_analysis_data) and call_cost.
 * Retell may send other events (transcript_updated, transfer_*): `parseRetellWebhook` leaves those
 * to the caller as `unknown`, to be acknowledged and ignored.
 */
export const retellWebhookSchema = z.object({
  event: z.enum(RETELL_WEBHOOK_EVENTS),
  call: retellCallSchema,
});
export type RetellWebhook = z.infer<typeof retellWebhookSchema>;

export type ParsedRetellWebhook = { kind: "known"; webhook: RetellWebhook; eventId: string } | { kind: "unknown"; event: string | null };

/** Parses a verified body. Throws ZodError (→ 400) when a known event breaks the contract. */
export function parseRetellWebhook(body: unknown): ParsedRetellWebhook {
  const event = (body as { event?: unknown } | null)?.event;
  if (typeof event !== "string" || !(RETELL_WEBHOOK_EVENTS as readonly string[]).includes(event)) {
    return { kind: "unknown", event: typeof event === "string" ? event : null };
  }
  const webhook = retellWebhookSchema.parse(body);
  return { kind: "known", webhook, eventId: retellEventId(webhook) };
}

/** The delivery's identity for webhook_events (provider, event_id): `<event>:<call_id>`. */
export function retellEventId(webhook: Pick<RetellWebhook, "event"> & { call: { call_id: string } }): string {
  return `${webhook.event}:${webhook.call.call_id}`;
}
