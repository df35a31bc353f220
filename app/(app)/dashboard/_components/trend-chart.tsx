"use client";

import { BarChart } from "@/components/charts/bar-chart";
import { formatNumber } from "@/components/charts/format";
import { LineChart } from "@/components/charts/line-chart";
import { TONE_COLORS } from "@/components/charts/palette";
import type { DashboardMetrics } from "@/lib/services/dashboard/schemas";
import { formatDay, formatDays } from "./format";

type Point = DashboardMetrics["series"][number];

const SERIES = [
  { key: "calls", label: "Calls", color: TONE_COLORS.info },
  { key: "answered", label: "Answered", color: TONE_COLORS.ok },
  { key: "bookings", label: "Bookings", color: "#7c3aed" },
] as const satisfies ReadonlyArray<{ key: keyof Point & string; label: string; color: string }>;

function summaryOf(metrics: DashboardMetrics): string {
  const sum = (k: "calls" | "answered" | "bookings") => metrics.series.reduce((n, p) => n + p[k], 0);
  const busiest = metrics.series.reduce<Point | null>((best, p) => (!best || p.calls > best.calls ? p : best), null);
  const span = formatDays(metrics.period.firstDay, metrics.period.lastDay);
  const peak = busiest && busiest.calls > 0 ? `; busiest day ${formatDay(busiest.date)} with ${formatNumber(busiest.calls)} calls` : "";
  return `${span}: ${formatNumber(sum("calls"))} calls, ${formatNumber(sum("answered"))} answered, ${formatNumber(sum("bookings"))} booked${peak}.`;
}

/** Calls, answered calls and bookings per day: bars for a week or less, lines beyond. */
export function TrendChart({ metrics }: { metrics: DashboardMetrics }) {
  const common = {
    title: "Calls, answered calls and bookings by day",
    summary: summaryOf(metrics),
    data: metrics.series,
    x: "date" as const,
    series: SERIES,
    formatY: formatNumber,
    height: 320,
    legend: true,
    "data-testid": "trend-chart",
  };
  return metrics.series.length <= 7 ? (
    <BarChart {...common} formatX={formatDay} />
  ) : (
    <LineChart {...common} formatX={(d) => formatDay(String(d))} />
  );
}
