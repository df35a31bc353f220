"use client";

import { formatNumber } from "@/components/charts/format";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/error-state";
import { useCallsExport } from "./use-calls-export";
import type { CallFilterValues } from "./use-calls-url";

function DownloadIcon() {
  return (
    <svg
      viewBox="0 0 16 16"
      className="h-4 w-4"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.6}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden
    >
      <path d="M8 2.5v8m0 0L5 7.5m3 3 3-3M3 12.5v1h10v-1" />
    </svg>
  );
}

function ProgressBar({ value, label }: { value: number; label: string }) {
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={value}
      className="h-1.5 w-full overflow-hidden rounded-full bg-slate-200"
    >
      <div className="h-full rounded-full bg-brand-600 transition-[width] duration-500" style={{ width: `${Math.max(value, 3)}%` }} />
    </div>
  );
}

/**
 * "Export CSV" for the calls matching the current filters, then the job's progress, then its
 * download — or, plainly, why it failed. Shown only to roles with calls:export (the page decides).
 */
export function ExportControl({ filters }: { filters: CallFilterValues }) {
  const { start, starting, startError, job, pollError, reset } = useCallsExport(filters);

  if (!job) {
    return (
      <div className="flex w-full flex-col items-stretch gap-2 sm:w-auto sm:items-end">
        <Button onClick={start} loading={starting} data-testid="export-button" title="A CSV file of every call matching the filters">
          {starting ? null : <DownloadIcon />}
          {starting ? "Starting export…" : "Export CSV"}
        </Button>
        {startError ? <ErrorState error={startError} subject="Exports" onRetry={start} className="sm:max-w-sm" /> : null}
      </div>
    );
  }

  return (
    <div
      className="w-full rounded-lg border border-slate-200 bg-white px-3 py-2.5 shadow-sm sm:w-80"
      data-testid="export-status"
      data-status={job.status}
      aria-live="polite"
    >
      {job.status === "queued" || job.status === "running" ? (
        <div className="space-y-2" data-testid="export-progress">
          <p className="flex items-center justify-between gap-3 text-sm">
            <span className="font-medium text-slate-800">{job.status === "queued" ? "Export waiting to start…" : "Exporting calls…"}</span>
            <span className="text-slate-500 tabular-nums">{job.progress} %</span>
          </p>
          <ProgressBar value={job.progress} label="Export progress" />
          {pollError ? <ErrorState error={pollError} subject="Export progress" variant="banner" /> : null}
        </div>
      ) : job.status === "done" ? (
        <div className="space-y-2">
          <p className="text-sm font-medium text-slate-800">
            <span className="text-emerald-600" aria-hidden>
              ✓{" "}
            </span>
            {job.rowCount === null ? "Export ready" : `${formatNumber(job.rowCount)} ${job.rowCount === 1 ? "call" : "calls"} exported`}
          </p>
          <div className="flex flex-wrap items-center gap-2">
            {job.downloadUrl ? (
              <a
                href={job.downloadUrl}
                download={job.file?.filename ?? true}
                data-testid="export-download"
                className="inline-flex items-center gap-1.5 rounded-lg bg-brand-600 px-3.5 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
              >
                <DownloadIcon />
                Download CSV
              </a>
            ) : (
              <span className="text-sm text-slate-600">The file has expired; export again to get a fresh one.</span>
            )}
            <Button variant="ghost" onClick={reset}>
              Done
            </Button>
          </div>
        </div>
      ) : (
        <div className="space-y-2" data-testid="export-error" role="alert">
          <p className="text-sm font-medium text-red-700">The export failed.</p>
          <p className="text-sm text-slate-600">{job.error ?? "Something went wrong while writing the file; try again."}</p>
          <div className="flex gap-2">
            <Button
              size="sm"
              onClick={() => {
                reset();
                start();
              }}
            >
              Try again
            </Button>
            <Button size="sm" variant="ghost" onClick={reset}>
              Dismiss
            </Button>
          </div>
        </div>
      )}
    </div>
  );
}
