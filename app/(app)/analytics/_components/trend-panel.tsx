"use client";

import { BarChart } from "@/components/charts/bar-chart";
import { formatDay, formatDays, formatMoney } from "@/components/charts/format";
import { LineChart } from "@/components/charts/line-chart";
import { TONE_COLORS } from "@/components/charts/palette";
import type { AnalyticsTrend } from "@/lib/services/analytics/schemas";
import { metricSpec } from "./labels";

export const VIEWS = [
  { value: "chart", label: "Chart", title: "Show as a chart" },
  { value: "table", label: "Table", title: "Show as a table" },
] as const;

const bucketLabel = (p: { start: string; end: string }, interval: AnalyticsTrend["interval"]) =>
  interval === "day" ? formatDay(p.start) : formatDays(p.start, p.end);

/** One metric's buckets as a chart (bars for a few, a line beyond) or, on request, as a table of the same numbers. */
export function TrendPanel({ trend, view }: { trend: AnalyticsTrend; view: "chart" | "table" }) {
  const spec = metricSpec(trend.metric);
  const format = (v: number) => (trend.metric === "revenue" && trend.currency ? formatMoney(v, trend.currency) : spec.format(v));
  const show = (v: number | null) => (v === null ? "—" : format(v));
  const rows = trend.series.map((p) => ({ ...p, label: bucketLabel(p, trend.interval) }));
  const known = rows.filter((p) => p.value !== null);
  const peak = known.reduce<(typeof rows)[number] | null>((best, p) => (!best || p.value! > best.value! ? p : best), null);
  const title = `${spec.label}${trend.currency ? ` (${trend.currency})` : ""} by ${trend.interval}`;
  const summary = `${title}, ${formatDays(trend.firstDay, trend.lastDay)}: ${rows.length} ${trend.interval}s${peak ? `; highest ${show(peak.value)} (${peak.label})` : "; no values"}.`;
  const common = {
    title,
    summary,
    data: rows,
    x: "label" as const,
    series: [{ key: "value" as const, label: spec.label, color: TONE_COLORS.info }],
    formatY: format,
    height: 300,
    legend: false,
    "data-testid": "trend-chart",
  };
  return (
    <div data-testid="trend" data-metric={trend.metric} data-interval={trend.interval} data-points={rows.length}>
      {view === "chart" ? (
        rows.length <= 14 ? (
          <BarChart {...common} xTickInterval="preserveStartEnd" />
        ) : (
          <LineChart {...common} xType="category" />
        )
      ) : (
        <div className="max-h-80 overflow-y-auto" tabIndex={0} role="region" aria-label={`${title}, as a table`}>
          <table className="w-full text-sm" data-testid="trend-table">
            <caption className="sr-only">{summary}</caption>
            <thead className="sticky top-0 bg-white text-left text-xs text-slate-500">
              <tr>
                <th scope="col" className="py-2 font-medium">
                  {trend.interval === "day" ? "Day" : trend.interval === "week" ? "Week" : "Month"}
                </th>
                <th scope="col" className="py-2 text-right font-medium">
                  {spec.label}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((p) => (
                <tr key={p.start} data-testid="trend-row" data-start={p.start} data-value={p.value ?? ""}>
                  <th scope="row" className="py-1.5 text-left font-normal text-slate-700">
                    {p.label}
                  </th>
                  <td className="py-1.5 text-right tabular-nums">{show(p.value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
