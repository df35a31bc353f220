"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { apiFetch } from "@/components/data/api-fetch";
import { formatDays } from "@/components/charts/format";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { LoadError } from "@/components/ui/load-error";
import { RangeButtons } from "@/components/ui/range-buttons";
import { Select } from "@/components/ui/select";
import { LoadingSkeleton } from "@/components/ui/skeleton";
import type { AnalyticsKpis, AnalyticsTrend } from "@/lib/services/analytics/schemas";
import { KpiCards } from "./kpi-cards";
import { INTERVALS, METRICS, PRESETS } from "./labels";
import { ReasonsBreakdown } from "./reasons-breakdown";
import { WeekdayHourHeatmap } from "./weekday-hour-heatmap";
import { ReportDownloads } from "./report-downloads";
import { TrendPanel, VIEWS } from "./trend-panel";
import { useAnalyticsUrl, type AnalyticsRange } from "./use-analytics-url";

/** Analytics answers are cached 15 min server-side; a range seen in the last 5 min is not asked for again. */
const STALE_MS = 5 * 60_000;
const quiet = { staleTime: STALE_MS, refetchOnWindowFocus: false, placeholderData: keepPreviousData } as const;

/** From/to day inputs for a range the presets do not cover; applied together, at most 366 days. */
function CustomRange({ range, onApply }: { range: AnalyticsRange; onApply: (from: string, to: string) => void }) {
  const [from, setFrom] = useState(range.from);
  const [to, setTo] = useState(range.to);
  const input = "rounded-lg border border-slate-300 bg-white px-2 py-1 text-sm focus-visible:outline-2 focus-visible:outline-brand-600";
  return (
    <form
      className="flex flex-wrap items-center gap-2 text-sm"
      onSubmit={(e) => {
        e.preventDefault();
        onApply(from, to);
      }}
    >
      <label className="flex items-center gap-1.5 text-slate-700">
        From
        <input type="date" className={input} value={from} onChange={(e) => setFrom(e.target.value)} data-testid="range-from" required />
      </label>
      <label className="flex items-center gap-1.5 text-slate-700">
        To
        <input type="date" className={input} value={to} onChange={(e) => setTo(e.target.value)} data-testid="range-to" required />
      </label>
      <Button type="submit" size="sm" variant="secondary">
        Apply
      </Button>
    </form>
  );
}

/** The analytics page: range picker, KPIs, one metric's trend, disconnection reasons, reports. */
export function AnalyticsView({ timezone }: { timezone: string }) {
  const { range, metric, interval, setPreset, setCustom, setMetric, setInterval, isValidCustom } = useAnalyticsUrl(timezone);
  const [customError, setCustomError] = useState<string | null>(null);
  const [view, setView] = useState<"chart" | "table">("chart");
  const span = { from: range.from, to: range.to };

  const kpis = useQuery({
    queryKey: ["analytics", "kpis", span.from, span.to],
    queryFn: ({ signal }) => apiFetch<AnalyticsKpis>("/api/v1/analytics/kpis", { signal, query: span }),
    ...quiet,
  });
  const trend = useQuery({
    queryKey: ["analytics", "trends", metric, interval, span.from, span.to],
    queryFn: ({ signal }) => apiFetch<AnalyticsTrend>("/api/v1/analytics/trends", { signal, query: { metric, interval, ...span } }),
    ...quiet,
  });
  const kpisReady = kpis.isSuccess && !kpis.isPlaceholderData;
  const trendReady = trend.isSuccess && !trend.isPlaceholderData;

  return (
    <div className="mx-auto max-w-7xl space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight">Analytics</h1>
          <p className="mt-1 text-sm text-slate-600" data-testid="analytics-period">
            {formatDays(range.from, range.to)} <span className="text-slate-400">·</span> {timezone.replace(/_/g, " ")}
          </p>
        </div>
        <div className="flex flex-col items-start gap-2 sm:items-end">
          <RangeButtons
            label="Period"
            options={PRESETS}
            value={range.preset === "custom" ? ("" as never) : range.preset}
            onValueChange={(p) => {
              setCustomError(null);
              setPreset(p);
            }}
          />
          <CustomRange
            key={`${range.from}:${range.to}`}
            range={range}
            onApply={(from, to) => {
              if (!isValidCustom(from, to)) return setCustomError("Pick a start on or before the end, at most 366 days apart.");
              setCustomError(null);
              setCustom(from, to);
            }}
          />
          {customError ? (
            <p role="alert" className="text-sm text-red-700">
              {customError}
            </p>
          ) : null}
        </div>
      </div>

      <section
        aria-label="Key numbers"
        aria-busy={!kpisReady}
        data-testid="kpis"
        data-from={kpis.data?.period.firstDay}
        data-to={kpis.data?.period.lastDay}
        data-state={kpisReady ? "ready" : kpis.isError ? "error" : "loading"}
      >
        {kpis.isError ? (
          <LoadError error={kpis.error} subject="The key numbers" onRetry={() => void kpis.refetch()} hasData={kpis.data !== undefined} />
        ) : null}
        {kpis.data ? (
          <div className={kpisReady ? undefined : "opacity-60 transition-opacity"}>
            <KpiCards data={kpis.data} />
          </div>
        ) : kpis.isPending ? (
          <LoadingSkeleton shape="cards" count={8} label="Loading the key numbers…" />
        ) : null}
      </section>

      <div className="grid gap-5 xl:grid-cols-3 xl:items-start">
        <Card title="Trend" description="One metric over the period, in the company's time zone" className="xl:col-span-2">
          <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
            <div className="flex min-w-0 flex-wrap items-center gap-2">
              <Select label="Metric" hideLabel options={METRICS} value={metric} onValueChange={setMetric} data-testid="trend-metric" />
              <RangeButtons label="Interval" options={INTERVALS} value={interval} onValueChange={setInterval} />
            </div>
            <RangeButtons label="Trend view" options={VIEWS} value={view} onValueChange={setView} />
          </div>
          {trend.isError ? (
            <LoadError error={trend.error} subject="The trend" onRetry={() => void trend.refetch()} hasData={trend.data !== undefined} />
          ) : null}
          {trend.data ? (
            <div
              className={trendReady ? undefined : "opacity-60 transition-opacity"}
              aria-busy={!trendReady}
              data-state={trendReady ? "ready" : "loading"}
            >
              <TrendPanel trend={trend.data} view={view} />
            </div>
          ) : trend.isPending ? (
            <LoadingSkeleton shape="chart" label="Loading the trend…" className="[&>div]:border-0 [&>div]:p-0" />
          ) : null}
        </Card>

        <Card title="Why calls ended" description="Calls by disconnection reason in the period">
          {kpis.data ? (
            <ReasonsBreakdown reasons={kpis.data.disconnectionReasons} />
          ) : (
            <LoadingSkeleton count={4} label="Loading the reasons…" />
          )}
        </Card>
      </div>

      <Card title="When callers call" description="Calls by weekday and hour of the day in the period, company time">
        {kpis.data ? (
          <WeekdayHourHeatmap grid={kpis.data.callsByWeekdayHour} />
        ) : (
          <LoadingSkeleton count={4} label="Loading the calls by hour…" />
        )}
      </Card>

      <Card title="Reports" description={`CSV files for ${formatDays(range.from, range.to)}`}>
        <ReportDownloads from={range.from} to={range.to} />
      </Card>
    </div>
  );
}
