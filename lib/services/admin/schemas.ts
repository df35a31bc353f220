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

/** GET /api/v1/admin/companies?q=&limit=&cursor= */
export const listCompaniesQuerySchema = z
  .object({
    /** Part of the name or slug, or an exact company id. */
    q: z.string().trim().min(1).max(100).optional(),
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
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, "Send at least one field to change.")
  .refine((b) => !(b.status === "active" && b.suspendedReason), {
    message: "An active company has no suspension reason.",
    path: ["suspendedReason"],
  });
export type UpdateCompanyRequest = z.infer<typeof updateCompanyRequestSchema>;

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
  createdAt: isoInstant,
  updatedAt: isoInstant,
});
export type AdminCompany = z.infer<typeof adminCompanySchema>;

export const adminCompanyListSchema = z.array(adminCompanySchema);
