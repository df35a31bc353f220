import { reportBodySchema } from "@/lib/services/analytics/schemas";
import { callFiltersSchema } from "@/lib/services/calls/schemas";
import { exportDownloadUrl } from "./export-paths";
import type { ExportWithFile } from "./find-export";
import { exportSchema, type ExportView } from "./schemas";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** True once the file's expiry has passed: it is no longer offered or served. */
export function isExpired(file: { expiresAt: Date | null }, now = Date.now()): boolean {
  return file.expiresAt !== null && file.expiresAt.getTime() <= now;
}

/** The API's view of an export row, shaped through the response schema so no column leaks. */
export function toExportView({ export: row, file }: ExportWithFile): ExportView {
  const served = row.status === "done" && file !== null && !isExpired(file);
  return exportSchema.parse({
    id: row.id,
    kind: row.kind,
    status: row.status,
    progress: row.progress,
    // Validated when requested; should a later schema refuse them, the export failed saying so, and the view still answers.
    filters: (row.kind === "analytics_csv" ? reportBodySchema : callFiltersSchema).safeParse(row.filters ?? {}).data ?? {},
    rowCount: row.rowCount,
    error: row.error,
    requestedBy: row.requestedBy,
    createdAt: row.createdAt.toISOString(),
    startedAt: iso(row.startedAt),
    finishedAt: iso(row.finishedAt),
    downloadUrl: served ? exportDownloadUrl(row.id) : null,
    file: file
      ? {
          filename: file.filename,
          contentType: file.contentType,
          sizeBytes: file.sizeBytes,
          sha256: file.sha256,
          expiresAt: iso(file.expiresAt),
        }
      : null,
  });
}
