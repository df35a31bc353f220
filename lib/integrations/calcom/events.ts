import { createHash } from "node:crypto";
import { z } from "zod";

/** Trigger events the product handles; Cal.com has more (PING on setup, MEETING_*, FORM_SUBMITTED …). */
export const CALCOM_TRIGGER_EVENTS = [
  "BOOKING_CREATED",
  "BOOKING_RESCHEDULED",
  "BOOKING_CANCELLED",
  "BOOKING_REQUESTED",
  "BOOKING_REJECTED",
  "BOOKING_NO_SHOW_UPDATED",
  "MEETING_ENDED",
] as const;
export type CalcomTriggerEvent = (typeof CALCOM_TRIGGER_EVENTS)[number];

const person = z.looseObject({ name: z.string().optional(), email: z.string().optional(), timeZone: z.string().optional() });

/**
 * The booking inside a webhook (Cal.com's webhook payload, not the v2 API shape): `startTime`/`endTime`,
 * statuses in capitals, `uid` of the booking (for BOOKING_RESCHEDULED the NEW booking, with
 * `rescheduleUid` the old one in some versions).
 */
export const calcomWebhookPayloadSchema = z.looseObject({
  uid: z.string().optional(),
  bookingId: z.number().int().optional(),
  eventTypeId: z.number().int().nullish(),
  type: z.string().optional(),
  title: z.string().optional(),
  startTime: z.string().optional(),
  endTime: z.string().optional(),
  status: z.string().optional(),
  organizer: person.optional(),
  attendees: z.array(person).optional(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
  location: z.string().nullish(),
  cancellationReason: z.string().nullish(),
  rescheduleUid: z.string().nullish(),
  rescheduleStartTime: z.string().nullish(),
  rescheduledBy: z.string().nullish(),
  /** The event type's price in minor units and its currency (lower case), as Cal.com's booking webhooks carry them. */
  price: z.number().nullish(),
  currency: z.string().nullish(),
});

export const calcomWebhookSchema = z.object({
  triggerEvent: z.string().min(1),
  createdAt: z.string().min(1),
  payload: calcomWebhookPayloadSchema,
});
export type CalcomWebhook = z.infer<typeof calcomWebhookSchema>;

/** Parses a verified body. Throws ZodError (→ 400) when it breaks the contract. */
export function parseCalcomWebhook(body: unknown): { webhook: CalcomWebhook; eventId: string; known: boolean } {
  const webhook = calcomWebhookSchema.parse(body);
  return { webhook, eventId: calcomEventId(webhook), known: (CALCOM_TRIGGER_EVENTS as readonly string[]).includes(webhook.triggerEvent) };
}

/**
 * The delivery's identity for dedupe (Cal.com signs no timestamp and sends no event id):
 * `<triggerEvent>:<booking uid>:<createdAt>`, stable across redeliveries of the same event. A
 * payload without uid uses its bookingId; an identity longer than the column (255) is hashed.
 */
export function calcomEventId(body: { triggerEvent: string; createdAt: string; payload: { uid?: string; bookingId?: number } }): string {
  const subject = body.payload.uid ?? (body.payload.bookingId === undefined ? "-" : `booking-${body.payload.bookingId}`);
  const id = `${body.triggerEvent}:${subject}:${body.createdAt}`;
  return id.length <= 255 ? id : `sha256:${createHash("sha256").update(id).digest("hex")}`;
}
