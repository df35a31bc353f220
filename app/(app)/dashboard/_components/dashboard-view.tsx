"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { apiFetch } from "@/components/data/api-fetch";
import { pollEvery } from "@/components/data/retry-policy";
import { Card } from "@/components/ui/card";
import { DATE_RANGES } from "@/components/ui/date-ranges";
import { EmptyState } from "@/components/ui/empty-state";
import { RangeButtons } from "@/components/ui/range-buttons";
import { LoadingSkeleton } from "@/components/ui/skeleton";
import type { ActivityItem, DashboardMetrics, DashboardOverview, DashboardRange } from "@/lib/services/dashboard/schemas";
import { ActivityFeed } from "./activity-feed";
import { formatDays } from "./format";
import { KpiGrid } from "./kpi-grid";
import { LoadError } from "@/components/ui/load-error";
import { TrendChart } from "./trend-chart";
import { useDashboardRange } from "./use-dashboard-range";

const overviewQuery = (range: DashboardRange) => ({
  queryKey: ["dashboard", "overview", range] as const,
  queryFn: ({ signal }: { signal: AbortSignal }) => apiFetch<DashboardOverview>("/api/v1/dashboard/overview", { signal, query: { range } }),
  placeholderData: keepPreviousData,
});

const metricsQuery = (range: DashboardRange) => ({
  queryKey: ["dashboard", "metrics", range] as const,
  queryFn: ({ signal }: { signal: AbortSignal }) =>
    apiFetch<DashboardMetrics>("/api/v1/dashboard/metrics", { signal, query: { range, interval: "day" } }),
  placeholderData: keepPreviousData,
});

const ACTIVITY_LIMIT = 20;

/** The dashboard: range picker, KPIs, the daily trend and the activity feed, each loading and failing on its own. */
export function DashboardView() {
  const [range, setRange] = useDashboardRange();
  const overview = useQuery(overviewQuery(range));
  const metrics = useQuery(metricsQuery(range));
  const activity = useQuery({
    queryKey: ["dashboard", "activity", ACTIVITY_LIMIT],
    queryFn: ({ signal }) => apiFetch<ActivityItem[]>("/api/v1/dashboard/activity", { signal, query: { limit: ACTIVITY_LIMIT } }),
    refetchInterval: pollEvery(60_000),
  });

  const period = overview.data?.period;
  // Placeholder data is the previous range's: shown dimmed until this range's numbers arrive.
  const overviewReady = overview.isSuccess && !overview.isPlaceholderData;
  const metricsReady = metrics.isSuccess && !metrics.isPlaceholderData;
  const noCalls = metricsReady && metrics.data.series.every((p) => p.calls === 0);

  return (
    <div className="mx-auto max-w-7xl space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight">Dashboard</h1>
          <p className="mt-1 text-sm text-slate-600" data-testid="dashboard-period">
            {period ? (
              <>
                {formatDays(period.firstDay, period.lastDay)} <span className="text-slate-400">·</span> {period.timezone.replace(/_/g, " ")}
              </>
            ) : (
              " "
            )}
          </p>
        </div>
        <RangeButtons label="Period" options={DATE_RANGES} value={range} onValueChange={setRange} />
      </div>

      <section
        aria-label="Key numbers"
        aria-busy={!overviewReady}
        data-testid="kpis"
        data-range={overview.data?.period.range}
        data-state={overviewReady ? "ready" : overview.isError ? "error" : "loading"}
      >
        {overview.isError ? (
          <LoadError
            error={overview.error}
            subject="The dashboard"
            onRetry={() => void overview.refetch()}
            hasData={overview.data !== undefined}
          />
        ) : null}
        {overview.data ? (
          <div className={overviewReady ? undefined : "opacity-60 transition-opacity"}>
            <KpiGrid overview={overview.data} />
          </div>
        ) : overview.isPending ? (
          <LoadingSkeleton shape="cards" count={6} label="Loading the key numbers…" />
        ) : null}
      </section>

      <div className="grid gap-5 xl:grid-cols-3 xl:items-start">
        <Card title="Calls by day" description="Calls, answered calls and bookings in the company's time zone" className="xl:col-span-2">
          {metrics.isError ? (
            <LoadError
              error={metrics.error}
              subject="The trend"
              onRetry={() => void metrics.refetch()}
              hasData={metrics.data !== undefined}
            />
          ) : null}
          {metrics.data ? (
            noCalls ? (
              <EmptyState
                data-testid="trend-empty"
                title="No calls yet in this period"
                description="Calls your receptionist answers show up here within a minute. Try a longer period to see earlier ones."
              />
            ) : (
              <div className={metricsReady ? undefined : "opacity-60 transition-opacity"} aria-busy={!metricsReady}>
                <TrendChart metrics={metrics.data} />
              </div>
            )
          ) : metrics.isPending ? (
            <LoadingSkeleton shape="chart" label="Loading the trend…" className="[&>div]:border-0 [&>div]:p-0" />
          ) : null}
        </Card>

        <Card
          title="Recent activity"
          description="Calls, bookings and emails as they happen"
          padded={false}
          actions={
            <Link
              href="/calls"
              className="text-xs font-medium text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600"
            >
              All calls
            </Link>
          }
        >
          {activity.isError ? (
            <div className="p-4">
              <LoadError
                error={activity.error}
                subject="Recent activity"
                onRetry={() => void activity.refetch()}
                hasData={activity.data !== undefined}
              />
            </div>
          ) : null}
          {activity.data ? (
            activity.data.length === 0 ? (
              <div className="p-4">
                <EmptyState compact title="No activity yet" description="Calls, bookings and emails will appear here as they happen." />
              </div>
            ) : (
              <ActivityFeed items={activity.data} timeZone={period?.timezone} />
            )
          ) : activity.isPending ? (
            <LoadingSkeleton label="Loading recent activity…" count={6} className="p-4" />
          ) : null}
        </Card>
      </div>
    </div>
  );
}
