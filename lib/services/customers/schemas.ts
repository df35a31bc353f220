import { z } from "zod";
import { APPOINTMENT_STATUSES } from "@/lib/db/schema/appointments";
import { CALL_DIRECTIONS, CALL_STATUSES, SENTIMENTS } from "@/lib/db/schema/calls";
import { EMAIL_EVENT_TYPES } from "@/lib/db/schema/email-events";
import { idSchema } from "@/lib/ids/id-schema";
import { typedPhoneSchema } from "@/lib/phone/typed-phone-schema";

const isoInstant = z.iso.datetime({ offset: true });

export const CUSTOMERS_DEFAULT_LIMIT = 25;
export const CUSTOMERS_MAX_LIMIT = 100;

const limit = z.coerce.number().int().min(1).max(CUSTOMERS_MAX_LIMIT).default(CUSTOMERS_DEFAULT_LIMIT);
const cursor = z.string().min(1).max(300).optional().describe("meta.nextCursor of the previous page (opaque).");

// ── requests ────────────────────────────────────────────────────────────────

/** GET /api/v1/customers */
export const listCustomersQuerySchema = z
  .object({
    q: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .describe(
        "Words of the name or email (all of them, prefix match), an email, or a phone number however it is typed ((617) 555-0123, +16175550123, 617.555.0123, or 4+ of its digits).",
      ),
    limit,
    cursor,
  })
  .strict();
export type ListCustomersQuery = z.infer<typeof listCustomersQuerySchema>;

/** /api/v1/customers/{id}/… */
export const customerIdParamsSchema = z.object({ id: idSchema("customer") });

const name = z.string().trim().min(1).max(191);
/** Compared and stored trimmed and lower-cased, so one address is one customer however it was typed. */
const email = z
  .string()
  .trim()
  .max(191)
  .pipe(z.email("not an email address"))
  .transform((e) => e.toLowerCase());
const tags = z.array(z.string().trim().min(1).max(40)).max(20);
const notes = z.string().max(5000);

/** POST /api/v1/customers */
export const createCustomerBodySchema = z
  .object({
    name,
    phone: typedPhoneSchema.nullish().describe("Any common spelling; stored as E.164 (North America when no country code)."),
    email: email.nullish(),
    notes: notes.nullish(),
    tags: tags.optional(),
  })
  .strict();
export type CreateCustomerInput = z.infer<typeof createCustomerBodySchema>;

/** PATCH /api/v1/customers/{id}: the fields sent change; null clears an optional one. */
export const updateCustomerBodySchema = z
  .object({
    name: name.optional(),
    phone: typedPhoneSchema.nullable().optional(),
    email: email.nullable().optional(),
    notes: notes.nullable().optional(),
    tags: tags.optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: "send at least one field", path: ["name"] });
export type UpdateCustomerInput = z.infer<typeof updateCustomerBodySchema>;

/** POST /api/v1/customers/{id}/merge */
export const mergeCustomerBodySchema = z.object({ duplicateId: idSchema("customer") }).strict();

/** GET /api/v1/customers/{id}/timeline */
export const timelineQuerySchema = z.object({ limit, cursor }).strict();
export type TimelineQuery = z.infer<typeof timelineQuerySchema>;

export const customerDetailQuerySchema = z.object({}).strict();

// ── responses ───────────────────────────────────────────────────────────────

export const customerSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** E.164. */
  phone: z.string().nullable(),
  email: z.string().nullable(),
  notes: z.string().nullable(),
  tags: z.array(z.string()),
  createdAt: isoInstant,
  updatedAt: isoInstant,
});
export type CustomerView = z.infer<typeof customerSchema>;

export const customerListSchema = z.array(customerSchema);

export const customerListMetaSchema = z.object({
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: z.string().nullable(),
  limit: z.number().int(),
});

export const customerRefSchema = z.object({ id: z.string(), name: z.string(), phone: z.string().nullable(), email: z.string().nullable() });

/** GET /api/v1/customers/{id}: the profile, with other customers that share its phone or email. */
export const customerDetailSchema = customerSchema.extend({
  /** Customers of the company with the same phone or email (compared normalised): candidates for a merge. */
  possibleDuplicates: z.array(customerRefSchema),
});
export type CustomerDetail = z.infer<typeof customerDetailSchema>;

const timelineBase = { id: z.string(), at: isoInstant };

export const timelineItemSchema = z.discriminatedUnion("kind", [
  z.object({
    ...timelineBase,
    kind: z.literal("call"),
    call: z.object({
      direction: z.enum(CALL_DIRECTIONS),
      status: z.enum(CALL_STATUSES),
      durationSec: z.number().int().nullable(),
      sentiment: z.enum(SENTIMENTS).nullable(),
      summary: z.string().nullable(),
    }),
  }),
  z.object({
    ...timelineBase,
    kind: z.literal("appointment"),
    appointment: z.object({
      title: z.string(),
      status: z.enum(APPOINTMENT_STATUSES),
      startAt: isoInstant,
      endAt: isoInstant,
      sourceCallId: z.string().nullable(),
    }),
  }),
  z.object({
    ...timelineBase,
    kind: z.literal("email"),
    email: z.object({ event: z.enum(EMAIL_EVENT_TYPES), to: z.string(), messageId: z.string().nullable() }),
  }),
]);
export type TimelineItem = z.infer<typeof timelineItemSchema>;
export const timelineSchema = z.array(timelineItemSchema);

export const mergeResultSchema = z.object({
  customer: customerSchema,
  /** What moved from the duplicate, which no longer exists. */
  moved: z.object({ calls: z.number().int(), appointments: z.number().int(), emails: z.number().int() }),
  removedId: z.string(),
});
export type MergeResult = z.infer<typeof mergeResultSchema>;
