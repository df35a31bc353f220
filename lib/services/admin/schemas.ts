import { z } from "zod";
import { COMPANY_STATUSES, TIERS } from "@/lib/db/schema/companies";
import { ENDPOINT_LIMITS, RESOURCE_CAPS, RESOURCE_LIMITS, type EndpointGroup } from "@/lib/gateway/rate-limit/policy";
import { idSchema } from "@/lib/ids/id-schema";

/**
 * What a platform admin may override, by layer, named as the policy table reads them
 * (lib/gateway/rate-limit/policy.ts): per-hour limits, endpoint groups, resource creations per hour,
 * and the hard count caps as `<resource>Cap` (e.g. `resource.apiKeysCap`). Layer 1 (global) is per
 * IP, not per company, so it has no company override.
 */
export const OVERRIDABLE_LIMITS = {
  user: ["perHour"],
  company: ["perHour"],
  endpoint: Object.keys(ENDPOINT_LIMITS) as EndpointGroup[],
  resource: [...Object.keys(RESOURCE_LIMITS), ...Object.keys(RESOURCE_CAPS).map((r) => `${r}Cap`)],
} as const satisfies Record<string, readonly string[]>;

const limitValue = z.number().int().positive().max(100_000_000);
const layer = (keys: readonly string[]) => z.partialRecord(z.enum(keys as [string, ...string[]]), limitValue);

export const limitOverridesSchema = z
  .object({
    user: layer(OVERRIDABLE_LIMITS.user),
    company: layer(OVERRIDABLE_LIMITS.company),
    endpoint: layer(OVERRIDABLE_LIMITS.endpoint),
    resource: layer(OVERRIDABLE_LIMITS.resource),
  })
  .partial()
  .strict();
export type LimitOverridesInput = z.infer<typeof limitOverridesSchema>;

// ── requests ────────────────────────────────────────────────────────────────

/** GET /api/v1/admin/companies?q=&tier=&status=&limit=&cursor= */
export const listCompaniesQuerySchema = z
  .object({
    /** Part of the name or slug, or an exact company id. */
    q: z.string().trim().min(1).max(100).optional(),
    tier: z.enum(TIERS).optional(),
    status: z.enum(COMPANY_STATUSES).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: idSchema("company", "Not a cursor from a previous page.").optional(),
  })
  .strict();
export type ListCompaniesQuery = z.infer<typeof listCompaniesQuerySchema>;

/** PATCH /api/v1/admin/companies/{id} */
export const updateCompanyRequestSchema = z
  .object({
    tier: z.enum(TIERS).optional(),
    status: z.enum(COMPANY_STATUSES).optional(),
    /** Shown to the company's people; only for a suspended company. */
    suspendedReason: z.string().trim().min(1).max(500).nullable().optional(),
    /** Replaces the whole override set; null clears it (back to the tier's policy). */
    limitOverrides: limitOverridesSchema.nullable().optional(),
    /** Why (e.g. why a suspension is lifted): kept in each audit row of this change as `note`, never shown to the company. */
    note: z.string().trim().min(1).max(500).optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).some((k) => k !== "note"), "Send at least one field to change.")
  .refine((b) => !(b.status === "active" && b.suspendedReason), {
    message: "An active company has no suspension reason.",
    path: ["suspendedReason"],
  });
export type UpdateCompanyRequest = z.infer<typeof updateCompanyRequestSchema>;

/** POST /api/v1/admin/companies/{id}/preview — a proposed tier and/or override set (null: none), as PATCH would take them. */
export const previewCompanyRequestSchema = z
  .object({
    tier: z.enum(TIERS).optional(),
    overrides: limitOverridesSchema.nullable().optional(),
  })
  .strict();
export type PreviewCompanyRequest = z.infer<typeof previewCompanyRequestSchema>;

export const companyIdParamsSchema = z.object({ id: idSchema() });

// ── responses ───────────────────────────────────────────────────────────────

const isoInstant = z.iso.datetime({ offset: true });

export const adminCompanySchema = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  tier: z.enum(TIERS),
  status: z.enum(COMPANY_STATUSES),
  suspendedReason: z.string().nullable(),
  suspendedAt: isoInstant.nullable(),
  limitOverrides: z.record(z.string(), z.record(z.string(), z.number())).nullable(),
  memberCount: z.number().int(),
  /** Keys that authenticate now (the cap counts these). */
  activeApiKeyCount: z.number().int(),
  /** The edge's decisions for the company in the last 60 minutes; null when Redis could not answer. */
  lastHour: z.object({ requests: z.number().int(), limited: z.number().int() }).nullable(),
  createdAt: isoInstant,
  updatedAt: isoInstant,
});
export type AdminCompany = z.infer<typeof adminCompanySchema>;

export const adminCompanyListSchema = z.array(adminCompanySchema);

const previewLayer = z.enum(["user", "company", "endpoint", "resource"]);

/** One limit the policy table gives a company, keyed as overrides name it (`resource.apiKeysCap`). */
export const effectiveLimitSchema = z.object({
  layer: previewLayer,
  key: z.string(),
  /** What the gateway applies now. */
  value: z.number().int(),
  /** What the tier alone gives. */
  tierDefault: z.number().int(),
  /** True when a platform admin's override sets `value`. */
  overridden: z.boolean(),
});
export type EffectiveLimit = z.infer<typeof effectiveLimitSchema>;

/** GET /api/v1/admin/companies/{id}: the list's fields plus every effective limit, layer by layer. */
export const adminCompanyDetailSchema = adminCompanySchema.extend({ limits: z.array(effectiveLimitSchema) });
export type AdminCompanyDetail = z.infer<typeof adminCompanyDetailSchema>;

export const companyPreviewSchema = z.object({
  companyId: z.string(),
  tier: z.object({ before: z.enum(TIERS), after: z.enum(TIERS) }),
  /** Every limit the policy table gives the company, keyed as overrides name them. */
  limits: z.array(
    z.object({
      layer: previewLayer,
      key: z.string(),
      before: z.number().int(),
      after: z.number().int(),
      /** Hard caps only: how many the company has now (a lower cap refuses new ones, removes none). */
      current: z.number().int().optional(),
    }),
  ),
  /** The last 60 minutes the replay covers (inclusive, minute starts). */
  window: z.object({ from: isoInstant, to: isoInstant }),
  /** Recorded by the edge in that window: every decided request and the 429s by layer. */
  recorded: z.object({ requests: z.number().int(), limited: z.record(z.string(), z.number().int()) }),
  /** Per layer: requests of the window that layer alone refuses when replayed under the current (before) and proposed (after) limits. */
  refusals: z.array(z.object({ layer: previewLayer, before: z.number().int(), after: z.number().int() })),
});
export type CompanyPreview = z.infer<typeof companyPreviewSchema>;

/** GET /api/v1/admin/audit-log?companyId=&actor=&action=&limit=&cursor= */
export const listAuditLogQuerySchema = z
  .object({
    companyId: idSchema("company").optional(),
    /** A person's or an API key's id, or a person's email. */
    actor: z
      .union([idSchema("user"), idSchema("apiKey"), z.string().trim().toLowerCase().pipe(z.email().max(191))], {
        error: "Not a user or API key id, or an email.",
      })
      .optional(),
    /** Exact action, e.g. `company.tier_changed`. */
    action: z
      .string()
      .regex(/^[a-z_]{1,30}(\.[a-z_]{1,30}){1,2}$/, "Not an action name such as company.tier_changed.")
      .optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: idSchema("audit", "Not a cursor from a previous page.").optional(),
  })
  .strict();
export type ListAuditLogQuery = z.infer<typeof listAuditLogQuerySchema>;

export const adminAuditEntrySchema = z.object({
  id: z.string(),
  companyId: z.string().nullable(),
  actorUserId: z.string().nullable(),
  actorApiKeyId: z.string().nullable(),
  /** The acting person's email, when a person acted and still exists. */
  actorEmail: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  /** What changed (before/after). */
  metadata: z.record(z.string(), z.unknown()).nullable(),
  requestId: z.string().nullable(),
  createdAt: isoInstant,
});
export type AdminAuditEntry = z.infer<typeof adminAuditEntrySchema>;
export const adminAuditListSchema = z.array(adminAuditEntrySchema);
