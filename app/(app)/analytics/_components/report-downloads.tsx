"use client";

import { useState } from "react";
import { formatNumber } from "@/components/charts/format";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/error-state";
import { Select } from "@/components/ui/select";
import type { ReportKind } from "@/lib/services/analytics/schemas";
import { useReportJob } from "./use-report-job";

const KINDS = [
  { value: "daily_summary", label: "Daily summary" },
  { value: "disconnection_reasons", label: "Calls by disconnection reason" },
  { value: "customer_bookings", label: "Bookings and no-shows by customer" },
] as const satisfies ReadonlyArray<{ value: ReportKind; label: string }>;

/** Pick a report, create it for the page's range, watch its progress, download the CSV. */
export function ReportDownloads({ from, to }: { from: string; to: string }) {
  const [kind, setKind] = useState<ReportKind>("daily_summary");
  const { start, starting, startError, job, pollError, reset } = useReportJob();
  const create = () => start({ kind, from, to });

  if (!job) {
    return (
      <div className="flex flex-wrap items-end gap-3">
        <Select label="Report" options={KINDS} value={kind} onValueChange={setKind} data-testid="report-kind" />
        <Button onClick={create} loading={starting} data-testid="report-create">
          {starting ? "Starting…" : "Create CSV"}
        </Button>
        {startError ? <ErrorState error={startError} subject="Reports" onRetry={create} className="w-full" /> : null}
      </div>
    );
  }

  return (
    <div className="max-w-md space-y-2" data-testid="report-status" data-status={job.status} aria-live="polite">
      {job.status === "queued" || job.status === "running" ? (
        <>
          <p className="flex justify-between text-sm">
            <span className="font-medium text-slate-800">
              {job.status === "queued" ? "Report waiting to start…" : "Writing the report…"}
            </span>
            <span className="text-slate-500 tabular-nums">{job.progress} %</span>
          </p>
          <div
            role="progressbar"
            aria-label="Report progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={job.progress}
            className="h-1.5 overflow-hidden rounded-full bg-slate-200"
          >
            <div className="h-full rounded-full bg-brand-600 transition-[width]" style={{ width: `${Math.max(job.progress, 3)}%` }} />
          </div>
          {pollError ? <ErrorState error={pollError} subject="Report progress" variant="banner" /> : null}
        </>
      ) : job.status === "done" ? (
        <>
          <p className="text-sm font-medium text-slate-800" data-testid="report-rows" data-value={job.rowCount ?? ""}>
            <span className="text-emerald-600" aria-hidden>
              ✓{" "}
            </span>
            {job.rowCount === null ? "Report ready" : `Report ready: ${formatNumber(job.rowCount)} ${job.rowCount === 1 ? "row" : "rows"}`}
          </p>
          <div className="flex flex-wrap gap-2">
            {job.downloadUrl ? (
              <a
                href={job.downloadUrl}
                download={job.file?.filename ?? true}
                data-testid="report-download"
                className="inline-flex items-center rounded-lg bg-brand-600 px-3.5 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
              >
                Download CSV
              </a>
            ) : (
              <span className="text-sm text-slate-600">The file has expired; create the report again.</span>
            )}
            <Button variant="ghost" onClick={reset}>
              New report
            </Button>
          </div>
        </>
      ) : (
        <div role="alert" className="space-y-2">
          <p className="text-sm font-medium text-red-700">The report failed.</p>
          <p className="text-sm text-slate-600">{job.error ?? "Something went wrong while writing the file; try again."}</p>
          <Button size="sm" variant="ghost" onClick={reset}>
            Dismiss
          </Button>
        </div>
      )}
    </div>
  );
}
