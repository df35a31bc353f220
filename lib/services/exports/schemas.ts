import { z } from "zod";
import { EXPORT_KINDS, EXPORT_STATUSES } from "@/lib/db/schema/exports";
import { idSchema } from "@/lib/ids/id-schema";
import { reportBodySchema } from "@/lib/services/analytics/schemas";
import { callFiltersSchema } from "@/lib/services/calls/schemas";

const isoInstant = z.iso.datetime({ offset: true });

// ── requests ────────────────────────────────────────────────────────────────

/** POST /api/v1/calls/export: the filters of GET /api/v1/calls, without paging (`{}` exports every call). */
export const createCallsExportBodySchema = callFiltersSchema;

/** GET /api/v1/exports/{id} and …/download */
export const exportIdParamsSchema = z.object({ id: idSchema() });

/** The "export ready" email of one export (lib/services/exports/send-export-ready.ts). */
export const exportReadyEmailSchema = z.object({
  companyId: idSchema("company"),
  /** The exports row: one email per export. */
  exportId: idSchema(),
  to: z.email(),
  downloadUrl: z
    .string()
    .url()
    .regex(/^https?:\/\//, "must be an http(s) URL"),
  exportName: z.string().min(1).max(191).optional(),
  /** When the download link stops working (ISO 8601), shown in the email. */
  expiresAt: z.string().datetime({ offset: true }).optional(),
});
export type ExportReadyEmail = z.input<typeof exportReadyEmailSchema>;

// ── responses ───────────────────────────────────────────────────────────────

export const exportFileSchema = z.object({
  /** The name the download is offered under: `calls-<YYYY-MM-DD>.csv` (the request's day, company timezone). */
  filename: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  /** Hex SHA-256 of the file, to check a download. */
  sha256: z.string(),
  /** The file is no longer served after this. */
  expiresAt: isoInstant.nullable(),
});

/** An export as the API shows it (no company id, storage path or internal error text). */
export const exportSchema = z.object({
  id: z.string(),
  kind: z.enum(EXPORT_KINDS),
  /** queued → running → done | failed; a run that failed and will be retried is queued again. */
  status: z.enum(EXPORT_STATUSES),
  /** 0–100: rows written over the rows counted when the run started; 100 only when done. */
  progress: z.number().int().min(0).max(100),
  /** What it covers, as validated when requested: a report's kind and days (analytics_csv), or the call list filters (calls_csv). */
  filters: z.union([reportBodySchema, callFiltersSchema]),
  /** Rows in the file (header excluded), once done. */
  rowCount: z.number().int().nullable(),
  /** Why it failed, in words fit for the user. */
  error: z.string().nullable(),
  /** The person (user id) or API key (key id) that asked for it. */
  requestedBy: z.string(),
  createdAt: isoInstant,
  startedAt: isoInstant.nullable(),
  finishedAt: isoInstant.nullable(),
  /** GET this (same credentials) for the CSV; null until done, and once the file has expired. */
  downloadUrl: z.string().nullable(),
  file: exportFileSchema.nullable(),
});
export type ExportView = z.infer<typeof exportSchema>;
