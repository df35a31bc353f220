"use client";

import { useExportJob } from "@/components/data/use-export-job";
import type { ReportRequest } from "@/lib/services/analytics/schemas";

/** 1 s, 2 s, 4 s, then every 8 s: a report of a few hundred rows is ready on the first or second look. */
const backoff = (polls: number) => Math.min(1_000 * 2 ** polls, 8_000);

/** A CSV report: POST /api/v1/analytics/reports, then its progress with backoff (the analytics group allows ~50 requests/h on FREE). */
export function useReportJob() {
  return useExportJob<ReportRequest>("/api/v1/analytics/reports", backoff);
}
