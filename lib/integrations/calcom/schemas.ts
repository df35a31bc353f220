import { z } from "zod";
import { e164Schema } from "@/lib/phone/e164-schema";

/** Cal.com pins response shapes by a version header, per endpoint family. */
export const CALCOM_API_VERSIONS = {
  bookings: "2024-08-13",
  slots: "2024-09-04",
} as const;

/** Every v2 answer: `{status: "success", data}`; errors `{status: "error", error: {code, message}}`. */
export const calcomEnvelope = <T extends z.ZodType>(data: T) => z.object({ status: z.literal("success"), data });

export const CALCOM_BOOKING_STATUSES = ["accepted", "pending", "cancelled", "rejected"] as const;

const attendeeSchema = z.looseObject({
  name: z.string(),
  email: z.string(),
  timeZone: z.string(),
  phoneNumber: z.string().optional(),
  language: z.string().optional(),
  absent: z.boolean().optional(),
});

/** A booking as API version 2024-08-13 returns it. ISO 8601 instants in UTC. */
export const calcomBookingSchema = z.looseObject({
  id: z.number().int(),
  uid: z.string().min(1),
  title: z.string(),
  description: z.string().nullish(),
  status: z.enum(CALCOM_BOOKING_STATUSES),
  start: z.string().datetime({ offset: true }),
  end: z.string().datetime({ offset: true }),
  duration: z.number().int().optional(),
  eventTypeId: z.number().int().nullish(),
  hosts: z
    .array(
      z.looseObject({
        id: z.number().int().optional(),
        name: z.string().optional(),
        email: z.string().optional(),
        timeZone: z.string().optional(),
      }),
    )
    .optional(),
  attendees: z.array(attendeeSchema),
  metadata: z.record(z.string(), z.unknown()).nullish(),
  location: z.string().nullish(),
  meetingUrl: z.string().nullish(),
  cancellationReason: z.string().nullish(),
  reschedulingReason: z.string().nullish(),
  rescheduledFromUid: z.string().nullish(),
  /** On the original booking after a reschedule. */
  rescheduledToUid: z.string().nullish(),
  absentHost: z.boolean().optional(),
  createdAt: z.string().optional(),
  updatedAt: z.string().nullish(),
});
export type CalcomBooking = z.infer<typeof calcomBookingSchema>;

export const calcomBookingListSchema = z.object({
  status: z.literal("success"),
  data: z.array(calcomBookingSchema),
  pagination: z
    .looseObject({
      totalItems: z.number().int(),
      remainingItems: z.number().int(),
      returnedItems: z.number().int(),
      itemsPerPage: z.number().int(),
      currentPage: z.number().int(),
      totalPages: z.number().int(),
      hasNextPage: z.boolean(),
      hasPreviousPage: z.boolean(),
    })
    .optional(),
});

export interface CalcomBookingPage {
  items: CalcomBooking[];
  total: number | null;
  hasMore: boolean;
  /** Pass as `skip` for the next page. */
  nextSkip: number | null;
}

export interface CalcomListBookingsInput {
  status?: Array<"upcoming" | "recurring" | "past" | "cancelled" | "unconfirmed">;
  attendeeEmail?: string;
  eventTypeId?: number;
  /** ISO instants. */
  afterStart?: string;
  beforeEnd?: string;
  sortStart?: "asc" | "desc";
  /** Page size (max 250); default 100. */
  take?: number;
  skip?: number;
}

/** GET /v2/slots (2024-09-04): local dates → slots, `start` in the requested time zone's offset. */
export const calcomSlotsSchema = calcomEnvelope(
  z.record(z.string(), z.array(z.looseObject({ start: z.string().datetime({ offset: true }) }))),
);
export type CalcomSlots = Record<string, Array<{ start: string }>>;

const iso = z.string().datetime({ offset: true });

export const calcomCreateBookingSchema = z.object({
  /** ISO instant of the slot's start. */
  start: iso,
  eventTypeId: z.number().int().positive(),
  attendee: z.object({
    name: z.string().min(1).max(200),
    email: z.string().email(),
    timeZone: z.string().min(1),
    phoneNumber: e164Schema.optional(),
    language: z.string().min(2).max(8).optional(),
  }),
  lengthInMinutes: z.number().int().positive().optional(),
  /** Cal.com allows up to 50 string values of 500 characters. */
  metadata: z.record(z.string(), z.string().max(500)).default({}),
  /**
   * Names this business operation (e.g. `book:<callId>`): stored in the booking's metadata, so a
   * create whose answer was lost is found again instead of booking twice. Default: random.
   */
  idempotencyKey: z.string().min(1).max(200).optional(),
});
export type CalcomCreateBookingInput = z.input<typeof calcomCreateBookingSchema>;

/** The metadata key that carries our idempotency marker on bookings we create. */
export const CALCOM_IDEMPOTENCY_KEY = "sb_idempotency_key";

export const calcomErrorCode = (body: unknown): string | undefined => {
  const code = (body as { error?: { code?: unknown } } | null)?.error?.code;
  return typeof code === "string" ? code : undefined;
};
