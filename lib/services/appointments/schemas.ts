import { z } from "zod";
import { idempotencyKeySchema } from "@/lib/api/idempotency-key-schema";
import { APPOINTMENT_STATUSES } from "@/lib/db/schema/appointments";
import { idSchema } from "@/lib/ids/id-schema";

const instant = z.string().datetime({ offset: true });

// ── requests ────────────────────────────────────────────────────────────────

export const bookAppointmentSchema = z.object({
  customerId: idSchema("customer"),
  /** The slot's start (ISO 8601 with offset); a free slot from Cal.com's slots endpoint. */
  start: instant,
  /** Default: the company's Cal.com event type (settings). */
  eventTypeId: z.number().int().positive().optional(),
  lengthInMinutes: z.number().int().positive().max(480).optional(),
  /** The call during which it was booked (booking conversion counts these). */
  callId: idSchema("call").optional(),
  notes: z.string().max(2_000).optional(),
  idempotencyKey: idempotencyKeySchema.optional(),
});
export type BookAppointmentInput = z.input<typeof bookAppointmentSchema>;

export const rescheduleAppointmentSchema = z.object({ start: instant, reason: z.string().max(500).optional() });
export type RescheduleAppointmentInput = z.input<typeof rescheduleAppointmentSchema>;

export const cancelAppointmentSchema = z.object({ reason: z.string().max(500).optional() });
export type CancelAppointmentInput = z.input<typeof cancelAppointmentSchema>;

// ── responses ───────────────────────────────────────────────────────────────

/** An appointment as the API shows it. */
export const appointmentViewSchema = z.object({
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
export type AppointmentView = z.infer<typeof appointmentViewSchema>;
