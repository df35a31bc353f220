import { z } from "zod";
import { idempotencyKeySchema } from "@/lib/api/idempotency-key-schema";
import { APPOINTMENT_STATUSES, type AppointmentStatus } from "@/lib/db/schema/appointments";
import { idSchema } from "@/lib/ids/id-schema";
import { e164Schema } from "@/lib/phone/e164-schema";
import { sparseFieldsParam } from "@/lib/api/sparse-fields-param";
import { STATUS_TARGETS } from "./status-moves";

const instant = z.string().datetime({ offset: true });

/** A local day of the company (`YYYY-MM-DD`) or an exact instant (ISO 8601 with offset). */
const dayOrInstant = z.union([z.iso.date(), instant]);

/** The longest range the calendar answers in one request. */
export const CALENDAR_MAX_DAYS = 62;

// ── requests ────────────────────────────────────────────────────────────────

/** A customer to create with the booking (when no existing one is picked); found again by phone or email if known. */
export const newBookingCustomerSchema = z.object({
  name: z.string().trim().min(1).max(191),
  email: z.email().max(191),
  phone: e164Schema.optional(),
});

export const bookAppointmentSchema = z.object({
  /** An existing customer of the company; or `customer` to create one. */
  customerId: idSchema("customer").optional(),
  customer: newBookingCustomerSchema.optional(),
  /** The slot's start (ISO 8601 with offset); a free slot from Cal.com's slots endpoint. */
  start: instant,
  lengthInMinutes: z.number().int().positive().max(480).optional(),
  /** The call during which it was booked (booking conversion counts these). */
  callId: idSchema("call").optional(),
  notes: z.string().max(2_000).optional(),
  idempotencyKey: idempotencyKeySchema.optional(),
});
export type BookAppointmentInput = z.input<typeof bookAppointmentSchema>;

/**
 * POST /api/v1/appointments: customerId or customer, exactly one (the idempotency key comes from the header).
 * Always in the company's own Cal.com event type (Settings): a body naming one (`eventTypeId`) is 400.
 */
export const bookAppointmentBodySchema = bookAppointmentSchema
  .omit({ idempotencyKey: true })
  .strict()
  .refine((v) => (v.customerId === undefined) !== (v.customer === undefined), {
    message: "Give customerId or customer (one of them).",
    path: ["customerId"],
  });

export const rescheduleAppointmentSchema = z.object({ start: instant, reason: z.string().max(500).optional() });
export type RescheduleAppointmentInput = z.input<typeof rescheduleAppointmentSchema>;

export const cancelAppointmentSchema = z.object({ reason: z.string().max(500).optional() });
export type CancelAppointmentInput = z.input<typeof cancelAppointmentSchema>;

/** POST /api/v1/appointments/{id}/cancel: the reason is required. */
export const cancelAppointmentBodySchema = z.object({ reason: z.string().trim().min(1).max(500) }).strict();

/** POST /api/v1/appointments/{id}/reschedule */
export const rescheduleAppointmentBodySchema = rescheduleAppointmentSchema.strict();

/** PATCH /api/v1/appointments/{id}: a forward status move (cancel has its own path). */
export const changeAppointmentStatusSchema = z.object({ status: z.enum(STATUS_TARGETS) }).strict();
export type ChangeAppointmentStatusInput = z.infer<typeof changeAppointmentStatusSchema>;

export const appointmentIdParamsSchema = z.object({ id: idSchema("appointment") });

/** GET /api/v1/appointments */
export const calendarQuerySchema = z
  .object({
    from: dayOrInstant.describe("Start at or after: an ISO instant, or a day (YYYY-MM-DD) from its start in the company's timezone."),
    to: dayOrInstant.describe(
      `Start before: an ISO instant (exclusive), or a day included whole. At most ${CALENDAR_MAX_DAYS} days after \`from\`.`,
    ),
    status: z.enum(APPOINTMENT_STATUSES).optional(),
    customerId: idSchema("customer").optional(),
    ...sparseFieldsParam,
  })
  .strict();
export type CalendarQuery = z.infer<typeof calendarQuerySchema>;

/** The most bookings of a day the month summary carries in full (the rest are counted). */
export const SUMMARY_MAX_PER_DAY = 10;

/**
 * GET /api/v1/appointments/summary: a month view's question — how many bookings each local day holds
 * (by status) and the first few of each, instead of every booking of the range.
 */
export const calendarSummaryQuerySchema = z
  .object({
    from: z.iso.date().describe("First local day (YYYY-MM-DD) in the company's timezone."),
    to: z.iso.date().describe(`Last local day, included. At most ${CALENDAR_MAX_DAYS} days after \`from\`.`),
    status: z.enum(APPOINTMENT_STATUSES).optional(),
    perDay: z.coerce
      .number()
      .int()
      .min(0)
      .max(SUMMARY_MAX_PER_DAY)
      .default(3)
      .describe(`How many of each day's first bookings to include (0–${SUMMARY_MAX_PER_DAY}, default 3).`),
  })
  .strict();
export type CalendarSummaryQuery = z.infer<typeof calendarSummaryQuerySchema>;

/** GET /api/v1/appointments/slots */
export const slotsQuerySchema = z
  .object({
    from: dayOrInstant.describe("First day (company timezone) or instant."),
    to: dayOrInstant.describe(`Last day, included, or an instant (exclusive); at most ${CALENDAR_MAX_DAYS} days after \`from\`.`),
  })
  .strict();
export type SlotsQuery = z.infer<typeof slotsQuerySchema>;

// ── responses ───────────────────────────────────────────────────────────────

/**
 * An appointment as the API shows it. Never the Cal.com booking uid: in Cal.com it is the attendee's
 * management link (cancel or reschedule without login), so it stays on the server.
 */
export const appointmentViewSchema = z.object({
  id: z.string(),
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

export const appointmentCustomerSchema = z.object({
  id: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
});

/** One booking of the calendar: the appointment with its customer's name and contacts. */
export const calendarItemSchema = appointmentViewSchema.extend({ customer: appointmentCustomerSchema.nullable() });
export type CalendarItem = z.infer<typeof calendarItemSchema>;
export const calendarListSchema = z.array(calendarItemSchema);

export const calendarMetaSchema = z.object({
  from: z.string(),
  to: z.string(),
  timezone: z.string(),
  /** Opening hours per weekday (company timezone); `businessHoursDefault` says when they are the product's default. */
  businessHours: z.record(z.string(), z.array(z.object({ open: z.string(), close: z.string() }))),
  businessHoursDefault: z.boolean(),
  /** More bookings than one answer carries (CALENDAR_MAX_ITEMS): narrow the range. */
  truncated: z.boolean(),
  nextCursor: z.null(),
});

/** One local day of the month summary: its bookings counted by status, and the first `perDay` of them. */
export const calendarDaySchema = z.object({
  date: z.string(),
  total: z.number().int(),
  byStatus: z.object({
    scheduled: z.number().int(),
    confirmed: z.number().int(),
    completed: z.number().int(),
    cancelled: z.number().int(),
    no_show: z.number().int(),
  } satisfies Record<AppointmentStatus, z.ZodNumber>),
  first: z.array(calendarItemSchema),
});
export type CalendarDay = z.infer<typeof calendarDaySchema>;
export const calendarSummaryListSchema = z.array(calendarDaySchema);
export const calendarSummaryMetaSchema = calendarMetaSchema.omit({ truncated: true }).extend({ perDay: z.number().int() });

/** GET /api/v1/appointments/{id}: the booking, its customer, the call it was booked in, and the moves it allows. */
export const appointmentDetailSchema = calendarItemSchema.extend({
  sourceCall: z
    .object({
      id: z.string(),
      startedAt: z.string(),
      direction: z.string(),
      summary: z.string().nullable(),
    })
    .nullable(),
  /** Status moves PATCH accepts now (with "cancelled" when it can be cancelled). */
  allowedMoves: z.array(z.string()),
  /** Whether it may still be moved to another slot (not in the past, not cancelled or finished). */
  canReschedule: z.boolean(),
});
export type AppointmentDetail = z.infer<typeof appointmentDetailSchema>;

export const slotSchema = z.object({ start: z.string() });
export const slotListSchema = z.array(slotSchema);
export const slotsMetaSchema = z.object({
  from: z.string(),
  to: z.string(),
  timezone: z.string(),
  /** The answer is Cal.com's last one we kept (Cal.com is not answering now). */
  stale: z.boolean(),
});

/** GET /api/v1/appointments/customer-lookup: a customer picker for booking. */
export const customerLookupQuerySchema = z.object({ q: z.string().trim().min(1).max(100) }).strict();
export const customerLookupSchema = z.array(appointmentCustomerSchema);
