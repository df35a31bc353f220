import { createExport } from "@/lib/services/exports/create-export";
import type { ExportView } from "@/lib/services/exports/schemas";
import { reportBodySchema, type ReportRequest } from "./schemas";

export interface CreateAnalyticsReportInput {
  companyId: string;
  /** A user id, or an API key id when a key asked. */
  requestedBy: string;
  report: ReportRequest;
  idempotencyKey: string | null;
}

/**
 * Queues an analytics CSV report (daily summary, calls by disconnection reason, bookings and no-shows
 * by customer) as an export of kind `analytics_csv`: the same job, file store, progress and
 * download as the calls export, read through GET /api/v1/exports/{id}.
 */
export async function createAnalyticsReport(input: CreateAnalyticsReportInput): Promise<{ export: ExportView; replayed: boolean }> {
  const report = reportBodySchema.parse(input.report);
  return createExport({ ...input, kind: "analytics_csv", filters: report });
}
