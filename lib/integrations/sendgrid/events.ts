import { z } from "zod";
import { EMAIL_EVENT_TYPES } from "@/lib/db/schema/email-events";

/**
 * One SendGrid event (the webhook body is an array of them, possibly mixing messages and types).
 * `timestamp` is epoch seconds; our custom_args come back as top-level fields (kept by looseObject).
 * `sg_message_id` is the X-Message-Id of the send with a filter suffix (`<id>.filter…`).
 */
export const sendgridEventSchema = z.looseObject({
  email: z.string(),
  timestamp: z.number().int(),
  event: z.string().min(1),
  sg_event_id: z.string().min(1),
  sg_message_id: z.string().optional(),
  category: z.union([z.string(), z.array(z.string())]).optional(),
  reason: z.string().optional(),
  status: z.string().optional(),
  response: z.string().optional(),
  url: z.string().optional(),
  type: z.string().optional(),
  ip: z.string().optional(),
  useragent: z.string().optional(),
});
export type SendgridEvent = z.infer<typeof sendgridEventSchema>;

export const sendgridWebhookSchema = z.array(sendgridEventSchema).max(10_000);

/** Parses a verified body. Throws ZodError (→ 400) when it breaks the contract. */
export function parseSendgridWebhook(body: unknown): Array<SendgridEvent & { eventId: string; known: boolean }> {
  return sendgridWebhookSchema
    .parse(body)
    .map((e) => ({ ...e, eventId: e.sg_event_id, known: (EMAIL_EVENT_TYPES as readonly string[]).includes(e.event) }));
}

/** The message id as our send saw it (X-Message-Id), without SendGrid's `.filter…` suffix. */
export function sendgridMessageId(event: Pick<SendgridEvent, "sg_message_id">): string | null {
  return event.sg_message_id ? event.sg_message_id.split(".")[0]! : null;
}
