import { z } from "zod";
import { isTimeZone } from "@/lib/time/zoned-date-of";

/**
 * The settings API's schemas. Pages import them too (the company and profile forms validate with
 * the very schemas the API parses), so this file imports nothing server-only.
 */

const isoInstant = z.iso.datetime({ offset: true });

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** The most ranges one day may have (a split shift, a lunch break … not a timetable). */
export const MAX_RANGES_PER_DAY = 6;

/** `HH:MM`, 24-hour, local to the company's time zone; `24:00` only closes a day. */
const CLOCK = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const clock = z.string().regex(CLOCK, "Use HH:MM, 24-hour (e.g. 09:00).");
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export const openingRangeSchema = z
  .object({ open: clock, close: clock })
  .strict()
  // A malformed time is its own field's error: compare only two well-formed ones.
  .refine((r) => !CLOCK.test(r.open) || !CLOCK.test(r.close) || minutes(r.open) < minutes(r.close), {
    message: "Closing time must be after opening time.",
    path: ["close"],
  });

/** One weekday: its ranges, oldest first, none overlapping; an empty list is a closed day. */
const daySchema = z
  .array(openingRangeSchema)
  .max(MAX_RANGES_PER_DAY, `At most ${MAX_RANGES_PER_DAY} ranges a day.`)
  .superRefine((ranges, ctx) => {
    const sorted = ranges.map((r, i) => ({ ...r, i })).sort((a, b) => minutes(a.open) - minutes(b.open));
    for (let k = 1; k < sorted.length; k++) {
      const prev = sorted[k - 1]!;
      const cur = sorted[k]!;
      if (minutes(cur.open) < minutes(prev.close)) {
        ctx.addIssue({ code: "custom", message: `Overlaps ${prev.open}–${prev.close}.`, path: [cur.i, "open"] });
      }
    }
  });

/** Every weekday named: a day with no ranges is closed. */
export const businessHoursSchema = z
  .object(Object.fromEntries(WEEKDAYS.map((d) => [d, daySchema])) as Record<Weekday, typeof daySchema>)
  .strict();
export type BusinessHoursInput = z.infer<typeof businessHoursSchema>;

export const timezoneSchema = z
  .string()
  .trim()
  .min(1, "Choose a time zone.")
  .max(64)
  // Area/Location names (and UTC) only: Intl also takes offsets and legacy aliases such as "EST5EDT".
  .refine((tz) => (tz === "UTC" || /^[A-Za-z_]+\/[A-Za-z0-9_+\-/]+$/.test(tz)) && isTimeZone(tz), {
    message: "Use an IANA time zone this server knows, such as Europe/Berlin or America/New_York.",
  });

export const companyNameSchema = z.string().trim().min(1, "Enter the company's name.").max(191);

// ── requests ────────────────────────────────────────────────────────────────

/** PATCH /api/v1/settings/company — only the fields sent change. */
export const updateCompanySettingsBodySchema = z
  .object({
    name: companyNameSchema.optional(),
    timezone: timezoneSchema.optional().describe("IANA name. Dashboard days, calendar days and analytics buckets move to it."),
    businessHours: businessHoursSchema
      .optional()
      .describe("Every weekday, each a list of non-overlapping {open, close} ranges (HH:MM, local time); [] is a closed day."),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: "Send at least one of name, timezone, businessHours." });
export type UpdateCompanySettingsInput = z.infer<typeof updateCompanySettingsBodySchema>;

export const personNameSchema = z.string().trim().min(1, "Enter your name.").max(191);
export const emailSchema = z
  .string()
  .trim()
  .max(191)
  .pipe(z.email("Not an email address."))
  .transform((e) => e.toLowerCase());

/** PATCH /api/v1/me — a new email only takes effect once the link sent to it is opened. */
export const updateMeBodySchema = z
  .object({
    name: personNameSchema.optional(),
    email: emailSchema.optional().describe("Sends a confirmation link to the new address; nothing changes until it is opened."),
    currentPassword: z
      .string()
      .min(1, "Enter your current password.")
      .max(200)
      .optional()
      .describe("Required when `email` changes: 403 on this field when wrong, 429 past the sign-in limit."),
  })
  .strict()
  .refine((b) => b.name !== undefined || b.email !== undefined, { message: "Send name or email." });
export type UpdateMeInput = z.infer<typeof updateMeBodySchema>;

/** POST /api/v1/me/email/confirm */
export const confirmEmailBodySchema = z.object({ token: z.string().min(20).max(200) }).strict();

/** POST /api/v1/me/password */
export const changePasswordBodySchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password.").max(200),
    newPassword: z.string().min(12, "Use at least 12 characters.").max(200),
  })
  .strict();

// ── responses ───────────────────────────────────────────────────────────────

/** GET/PATCH /api/v1/settings/company */
export const companySettingsSchema = z.object({
  id: z.string(),
  name: z.string(),
  timezone: z.string(),
  businessHours: businessHoursSchema,
  /** True until the company saves its own hours: the weekdays 9–17 the calendar uses meanwhile. */
  businessHoursDefault: z.boolean(),
  updatedAt: isoInstant,
});
export type CompanySettingsView = z.infer<typeof companySettingsSchema>;

/** GET/PATCH /api/v1/me */
export const meSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  /** A new address waiting for its link to be opened, and until when the link works. */
  pendingEmail: z.object({ email: z.string(), expiresAt: isoInstant }).nullable(),
  role: z.enum(["owner", "admin", "member", "viewer"]).nullable(),
  isPlatformAdmin: z.boolean(),
});
export type MeView = z.infer<typeof meSchema>;

/** POST /api/v1/me/password */
export const passwordChangedSchema = z.object({
  changed: z.literal(true),
  /** Every other session and token ended; this browser's session was re-issued and stays signed in. */
  currentSessionKept: z.boolean(),
});

// ── integrations ────────────────────────────────────────────────────────────

/** Vendors whose credentials a company may set (Stripe bills through the platform's account only). */
export const COMPANY_CREDENTIAL_VENDORS = ["retell", "calcom", "sendgrid"] as const;
export type CompanyCredentialVendor = (typeof COMPANY_CREDENTIAL_VENDORS)[number];

/** A vendor API key as typed into the settings page (the form validates with it too). */
export const apiKeyInputSchema = z
  .string()
  .trim()
  .min(8, "This does not look like an API key (too short).")
  .max(500)
  .regex(/^\S+$/, "An API key has no spaces.");

/** PUT /api/v1/settings/integrations/{vendor} — write-only: the key is never read back. */
export const setIntegrationCredentialsBodySchema = z
  .object({
    apiKey: apiKeyInputSchema
      .nullable()
      .optional()
      .describe("The company's own key, stored encrypted; null removes it (the platform's default applies again)."),
    rotateWebhookSecret: z
      .boolean()
      .optional()
      .describe("Cal.com only: generate a new webhook secret (answered once). The first Cal.com key gets one anyway."),
  })
  .strict()
  .refine((b) => b.apiKey !== undefined || b.rotateWebhookSecret === true, { message: "Send apiKey, or rotateWebhookSecret: true." });
export type SetIntegrationCredentialsInput = z.infer<typeof setIntegrationCredentialsBodySchema>;

/** "Set on … by …, ends in …": what is shown of a company's own credential. */
export const companyCredentialSchema = z.object({
  /** Null for a credential stored before this was recorded (e.g. the demo data). */
  setAt: isoInstant.nullable(),
  setBy: z.object({ name: z.string() }).nullable(),
  /** The key's last four characters. */
  last4: z.string(),
});
export type CompanyCredential = z.infer<typeof companyCredentialSchema>;

/** Where Cal.com delivers the company's booking events, and whether the company has its own secret for them. */
export const calcomWebhookSchema = z.object({
  url: z.string(),
  secretSet: z.boolean(),
  secretSetAt: isoInstant.nullable(),
});

/** PUT /api/v1/settings/integrations/{vendor} */
export const integrationCredentialsResultSchema = z.object({
  vendor: z.enum(COMPANY_CREDENTIAL_VENDORS),
  companyCredential: companyCredentialSchema.nullable(),
  webhook: calcomWebhookSchema
    .extend({
      /** Present once, when a secret was generated by this request: paste it into Cal.com now; it is never shown again. */
      secret: z.string().optional(),
    })
    .nullable(),
});
export type IntegrationCredentialsResult = z.infer<typeof integrationCredentialsResultSchema>;

/** POST /api/v1/me/email/confirm */
export const emailConfirmedSchema = z.object({ email: z.string() });
