import { z } from "zod";
import { PERMISSIONS } from "@/lib/auth/permissions";
import type { ApiKeyEnvironment } from "@/lib/db/schema/api-keys";
import { KEY_LIMIT_LAYERS, KEY_USAGE_WINDOW_DAYS } from "@/lib/gateway/rate-limit/key-usage";
import { idSchema } from "@/lib/ids/id-schema";

/** Grace period of the old key after a rotation: one day unless the request says otherwise, at most a week. */
export const DEFAULT_GRACE_SECONDS = 24 * 60 * 60;
export const MAX_GRACE_SECONDS = 7 * 24 * 60 * 60;

export const apiKeyScopeSchema = z.enum(PERMISSIONS);

/**
 * A literal list rather than an import of the drizzle schema, so the API keys page (which builds its
 * forms from these schemas) does not ship the ORM to the browser; `satisfies` keeps them in step.
 */
const API_KEY_ENVIRONMENTS = ["live", "test"] as const satisfies readonly ApiKeyEnvironment[];

const isoInstant = z.iso.datetime({ offset: true });

// ── requests ────────────────────────────────────────────────────────────────

/** POST /api/v1/api-keys */
export const createApiKeyRequestSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    scopes: z
      .array(apiKeyScopeSchema)
      .min(1, "Give the key at least one scope.")
      .max(PERMISSIONS.length)
      .refine((s) => new Set(s).size === s.length, "List each scope once."),
    environment: z.enum(API_KEY_ENVIRONMENTS).default("live"),
    /** ISO 8601 with offset, in the future; absent or null = never expires. */
    expiresAt: isoInstant.nullish(),
  })
  .strict();
export type CreateApiKeyRequest = z.infer<typeof createApiKeyRequestSchema>;

/** POST /api/v1/api-keys/{id}/rotate (the body is optional). */
export const rotateApiKeyRequestSchema = z
  .object({
    /** How long the old key keeps working: 0 (at once) to 7 days; default 24 h. */
    gracePeriodSeconds: z.number().int().min(0).max(MAX_GRACE_SECONDS).default(DEFAULT_GRACE_SECONDS),
  })
  .strict();
export type RotateApiKeyRequest = z.infer<typeof rotateApiKeyRequestSchema>;

/** GET /api/v1/api-keys?limit=&cursor= (newest first, keyset on the time-sortable id). */
export const listApiKeysQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: idSchema("apiKey", "Not a cursor from a previous page.").optional(),
  })
  .strict();
export type ListApiKeysQuery = z.infer<typeof listApiKeysQuerySchema>;

export const apiKeyIdParamsSchema = z.object({ id: idSchema() });

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Math.floor(Date.parse(`${day}T00:00:00Z`) / DAY_MS);

/**
 * GET /api/v1/api-keys/{id}/usage?from=&to= — UTC days (`YYYY-MM-DD`), both included, at most 30 of
 * them; without them the last 30 days. Whether the range lies within the days kept is the service's check.
 */
export const apiKeyUsageQuerySchema = z
  .object({
    from: z.iso.date("A UTC day, YYYY-MM-DD.").optional(),
    to: z.iso.date("A UTC day, YYYY-MM-DD.").optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (!q.from || !q.to) return;
    const span = dayNumber(q.to) - dayNumber(q.from) + 1;
    if (span < 1) ctx.addIssue({ code: "custom", path: ["to"], message: "to must not be before from." });
    else if (span > KEY_USAGE_WINDOW_DAYS)
      ctx.addIssue({ code: "custom", path: ["to"], message: `At most ${KEY_USAGE_WINDOW_DAYS} days at once.` });
  });
export type ApiKeyUsageQuery = z.infer<typeof apiKeyUsageQuerySchema>;

// ── responses ───────────────────────────────────────────────────────────────

export const API_KEY_STATUSES = ["active", "grace_period", "rotated", "expired", "revoked"] as const;

/** A key as every response shows it: never the secret, never its hash. */
export const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  /** e.g. `sb_live_AbCd`: recognisable, useless on its own. */
  prefix: z.string(),
  lastFour: z.string(),
  environment: z.enum(API_KEY_ENVIRONMENTS),
  scopes: z.array(z.string()),
  status: z.enum(API_KEY_STATUSES),
  expiresAt: isoInstant.nullable(),
  lastUsedAt: isoInstant.nullable(),
  revokedAt: isoInstant.nullable(),
  graceExpiresAt: isoInstant.nullable(),
  rotatedFromId: z.string().nullable(),
  rotatedToId: z.string().nullable(),
  createdBy: z.string(),
  createdAt: isoInstant,
});
export type PublicApiKey = z.infer<typeof apiKeySchema>;

/** A key in the list: with its creator's name (null once that person's account is gone). */
export const apiKeyListItemSchema = apiKeySchema.extend({ createdByName: z.string().nullable() });
export type ApiKeyListItem = z.infer<typeof apiKeyListItemSchema>;

export const apiKeyListSchema = z.array(apiKeyListItemSchema);

/** The answer to a creation: the only time the secret (`key`) is ever shown. */
export const createdApiKeySchema = apiKeySchema.extend({ key: z.string() });
export type CreatedApiKey = z.infer<typeof createdApiKeySchema>;

/** The answer to a rotation: the new key with its secret (shown once), and the old one with its grace end. */
export const rotatedApiKeySchema = createdApiKeySchema.extend({ previous: apiKeySchema });
export type RotatedApiKey = z.infer<typeof rotatedApiKeySchema>;

/** Requests refused by a rate-limit layer, per layer an API key's request can meet. */
export const limitedByLayerSchema = z.object(
  Object.fromEntries(KEY_LIMIT_LAYERS.map((l) => [l, z.number().int().nonnegative()])) as Record<
    (typeof KEY_LIMIT_LAYERS)[number],
    z.ZodNumber
  >,
);

/** One key's requests on one UTC day, by outcome. */
export const apiKeyUsageDaySchema = z.object({
  day: z.iso.date(),
  /** Admitted by the gateway (whatever the handler then answered). */
  ok: z.number().int().nonnegative(),
  /** 429 from a rate-limit layer, by layer. */
  limited: limitedByLayerSchema,
  /** Refused at the edge before any layer: the key revoked, expired or past its grace, or the company suspended. */
  refused: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});
export type ApiKeyUsageDay = z.infer<typeof apiKeyUsageDaySchema>;

/** GET /api/v1/api-keys/{id}/usage: every day of the range (zeros included), oldest first, and the range's totals. */
export const apiKeyUsageSchema = z.object({
  keyId: z.string(),
  from: z.iso.date(),
  to: z.iso.date(),
  days: z.array(apiKeyUsageDaySchema),
  totals: apiKeyUsageDaySchema.omit({ day: true }),
});
export type ApiKeyUsage = z.infer<typeof apiKeyUsageSchema>;
