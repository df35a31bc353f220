import { z } from "zod";
import { idempotencyKeySchema } from "@/lib/api/idempotency-key-schema";
import { sparseFieldsParam } from "@/lib/api/sparse-fields-param";
import { APPOINTMENT_STATUSES } from "@/lib/db/schema/appointments";
import { CALL_DIRECTIONS, CALL_STATUSES, SENTIMENTS } from "@/lib/db/schema/calls";
import { idSchema } from "@/lib/ids/id-schema";
import { e164Schema } from "@/lib/phone/e164-schema";
import { typedPhoneSchema } from "@/lib/phone/typed-phone-schema";

const isoInstant = z.iso.datetime({ offset: true });

/** A local day of the company (`YYYY-MM-DD`) or an exact instant (ISO 8601 with offset). */
const dayOrInstant = z.union([z.iso.date(), isoInstant]);

// ── requests ────────────────────────────────────────────────────────────────

const filterShape = {
  /** Calls started at or after: a day means its local midnight (company timezone). */
  from: dayOrInstant
    .optional()
    .describe("Started at or after: an ISO instant, or a day (YYYY-MM-DD) meaning its start in the company's timezone."),
  /** Calls started before: a day is included whole (up to the next local midnight). */
  to: dayOrInstant
    .optional()
    .describe("Started before: an ISO instant (exclusive), or a day (YYYY-MM-DD) included whole in the company's timezone."),
  status: z.enum(CALL_STATUSES).optional(),
  direction: z.enum(CALL_DIRECTIONS).optional(),
  sentiment: z.enum(SENTIMENTS).optional(),
  customerId: idSchema().optional(),
  /** Words in the transcript, or the customer's name, email or phone digits. */
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe("Words of the transcript (all of them, prefix match), or the customer's name, email or phone digits."),
};

/**
 * The call filters: the list endpoint's query without paging, and what the CSV export job takes.
 * Parse untrusted input with it; `listCallsForExport` accepts its output.
 */
export const callFiltersSchema = z.object(filterShape).strict();
export type CallFilters = z.infer<typeof callFiltersSchema>;

export const CALLS_DEFAULT_LIMIT = 25;
export const CALLS_MAX_LIMIT = 100;

/** GET /api/v1/calls */
export const listCallsQuerySchema = z
  .object({
    ...filterShape,
    limit: z.coerce.number().int().min(1).max(CALLS_MAX_LIMIT).default(CALLS_DEFAULT_LIMIT),
    /** `meta.nextCursor` of the previous page, as it was. */
    cursor: z.string().min(1).max(200).optional().describe("meta.nextCursor of the previous page (opaque)."),
    ...sparseFieldsParam,
  })
  .strict();
export type ListCallsQuery = z.infer<typeof listCallsQuerySchema>;

/** GET /api/v1/calls/{id} */
export const callIdParamsSchema = z.object({ id: idSchema() });
export const callDetailQuerySchema = z.object(sparseFieldsParam).strict();

/** Placing an outbound call (lib/services/calls/place-call.ts). */
export const placeCallSchema = z
  .object({
    /** Default: the customer's phone. */
    to: e164Schema.optional(),
    customerId: idSchema("customer").optional(),
    /** Values the agent's prompt can use ({{customer_name}} is filled from the customer). */
    dynamicVariables: z.record(z.string().max(64), z.string().max(500)).optional(),
    idempotencyKey: idempotencyKeySchema.optional(),
  })
  .refine((v) => v.to !== undefined || v.customerId !== undefined, { message: "to or customerId is required", path: ["to"] });
export type PlaceCallInput = z.input<typeof placeCallSchema>;

/** POST /api/v1/calls: who to phone (a customer — their number — or a number however typed) and why. */
export const placeCallBodySchema = z
  .object({
    customerId: idSchema("customer").optional(),
    toNumber: typedPhoneSchema.optional().describe("Any common spelling; North America when no country code is written."),
    /** Handed to the agent's prompt as {{reason}}. */
    reason: z.string().trim().min(1).max(500).optional(),
  })
  .strict()
  .refine((v) => v.customerId !== undefined || v.toNumber !== undefined, {
    message: "customerId or toNumber is required",
    path: ["toNumber"],
  });
export type PlaceCallBody = z.infer<typeof placeCallBodySchema>;

// ── responses ───────────────────────────────────────────────────────────────

export const callCustomerRefSchema = z.object({
  id: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
});

/** One row of the call list. `answered` follows lib/services/calls/answered-call.ts. */
export const callListItemSchema = z.object({
  id: z.string(),
  direction: z.enum(CALL_DIRECTIONS),
  status: z.enum(CALL_STATUSES),
  /** Ended with a real conversation (see answered-call.ts). */
  answered: z.boolean(),
  startedAt: isoInstant,
  endedAt: isoInstant.nullable(),
  /** Whole seconds; null while the call is live. */
  durationSec: z.number().int().nullable(),
  fromNumber: z.string().nullable(),
  toNumber: z.string().nullable(),
  sentiment: z.enum(SENTIMENTS).nullable(),
  /** Retell's one-paragraph summary, once the call is analysed. */
  summary: z.string().nullable(),
  hasRecording: z.boolean(),
  customer: callCustomerRefSchema.nullable(),
});
export type CallListItem = z.infer<typeof callListItemSchema>;

export const callListSchema = z.array(callListItemSchema);

export const callListMetaSchema = z.object({
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: z.string().nullable(),
  limit: z.number().int(),
});

export const transcriptTurnSchema = z.object({
  speaker: z.enum(["agent", "user"]),
  text: z.string(),
});
export type TranscriptTurn = z.infer<typeof transcriptTurnSchema>;

export const callAnalysisSchema = z.object({
  summary: z.string().nullable(),
  userSentiment: z.string().nullable(),
  successful: z.boolean().nullable(),
  inVoicemail: z.boolean().nullable(),
  /** The agent's custom extraction (intent, appointment_booked …). */
  custom: z.record(z.string(), z.unknown()),
});

export const callAppointmentSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(APPOINTMENT_STATUSES),
  startAt: isoInstant,
  endAt: isoInstant,
  timezone: z.string(),
  location: z.string().nullable(),
});

/** GET /api/v1/calls/{id}: the list row plus everything the call page shows. */
export const callDetailSchema = callListItemSchema.extend({
  agentId: z.string().nullable(),
  disconnectionReason: z.string().nullable(),
  transcript: z.string().nullable(),
  /** The transcript split into turns ("Agent: …" / "User: …" lines). */
  transcriptTurns: z.array(transcriptTurnSchema),
  recordingUrl: z.string().nullable(),
  analysis: callAnalysisSchema.nullable(),
  customer: callCustomerRefSchema.extend({ email: z.string().nullable() }).nullable(),
  /** The appointment the agent booked during this call, if any. */
  appointment: callAppointmentSchema.nullable(),
  createdAt: isoInstant,
  updatedAt: isoInstant,
});
export type CallDetail = z.infer<typeof callDetailSchema>;
