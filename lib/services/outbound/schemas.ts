import { z } from "zod";
import { APPOINTMENT_STATUSES, type Appointment } from "@/lib/db/schema/appointments";
import { PAID_TIERS } from "@/lib/integrations/stripe/prices";

const id = z.string().min(1).max(40);
const instant = z.string().datetime({ offset: true });
const e164 = z.string().regex(/^\+[1-9]\d{6,14}$/, "must be an E.164 number (+15551234567)");
/** A client's Idempotency-Key (e.g. the request header): the same key repeats the same operation's result. */
const idempotencyKey = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[\x21-\x7e]+$/, "printable ASCII without spaces");

export const bookAppointmentSchema = z.object({
  customerId: id,
  /** The slot's start (ISO 8601 with offset); a free slot from Cal.com's slots endpoint. */
  start: instant,
  /** Default: the company's Cal.com event type (settings). */
  eventTypeId: z.number().int().positive().optional(),
  lengthInMinutes: z.number().int().positive().max(480).optional(),
  /** The call during which it was booked (booking conversion counts these). */
  callId: id.optional(),
  notes: z.string().max(2_000).optional(),
  idempotencyKey: idempotencyKey.optional(),
});
export type BookAppointmentInput = z.input<typeof bookAppointmentSchema>;

export const rescheduleAppointmentSchema = z.object({ start: instant, reason: z.string().max(500).optional() });
export type RescheduleAppointmentInput = z.input<typeof rescheduleAppointmentSchema>;

export const cancelAppointmentSchema = z.object({ reason: z.string().max(500).optional() });
export type CancelAppointmentInput = z.input<typeof cancelAppointmentSchema>;

export const placeCallSchema = z
  .object({
    /** Default: the customer's phone. */
    to: e164.optional(),
    customerId: id.optional(),
    /** Values the agent's prompt can use ({{customer_name}} is filled from the customer). */
    dynamicVariables: z.record(z.string().max(64), z.string().max(500)).optional(),
    idempotencyKey: idempotencyKey.optional(),
  })
  .refine((v) => v.to !== undefined || v.customerId !== undefined, { message: "to or customerId is required", path: ["to"] });
export type PlaceCallInput = z.input<typeof placeCallSchema>;

export const checkoutSchema = z.object({
  tier: z.enum(PAID_TIERS),
  successUrl: z.string().url().optional(),
  cancelUrl: z.string().url().optional(),
});
export type CheckoutInput = z.input<typeof checkoutSchema>;

/** An appointment as the API shows it. */
export const outboundAppointmentSchema = z.object({
  id: z.string(),
  calBookingUid: z.string().nullable(),
  status: z.enum(APPOINTMENT_STATUSES),
  title: z.string(),
  startAt: z.string(),
  endAt: z.string(),
  timezone: z.string(),
  location: z.string().nullable(),
  notes: z.string().nullable(),
  customerId: z.string().nullable(),
  sourceCallId: z.string().nullable(),
  cancelReason: z.string().nullable(),
  cancelledAt: z.string().nullable(),
});
export type OutboundAppointment = z.infer<typeof outboundAppointmentSchema>;

export function toOutboundAppointment(row: Appointment): OutboundAppointment {
  return outboundAppointmentSchema.parse({
    id: row.id,
    calBookingUid: row.calBookingUid,
    status: row.status,
    title: row.title,
    startAt: row.startAt.toISOString(),
    endAt: row.endAt.toISOString(),
    timezone: row.timezone,
    location: row.location,
    notes: row.notes,
    customerId: row.customerId,
    sourceCallId: row.sourceCallId,
    cancelReason: row.cancelReason,
    cancelledAt: row.cancelledAt?.toISOString() ?? null,
  });
}
