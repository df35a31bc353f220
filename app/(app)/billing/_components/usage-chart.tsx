"use client";

import { BarChart } from "@/components/charts/bar-chart";
import type { BillingUsage } from "@/lib/services/billing/schemas";

/** One colour per endpoint group, stable across ranges (the palette has fewer colours than groups). */
const GROUP_COLORS: Record<string, string> = {
  dashboard: "#2f6fed",
  calls: "#f59e0b",
  appointments: "#dc2626",
  customers: "#0d9488",
  analytics: "#7c3aed",
  settings: "#64748b",
  billing: "#db2777",
  team: "#65a30d",
  admin: "#0891b2",
  health: "#a16207",
};

const shortDay = (day: string) =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" });

/** Admitted API requests per day, stacked by endpoint group (only the groups used in the range); BarChart loads recharts when in view. */
export function UsageChart({ usage }: { usage: BillingUsage }) {
  const groups = usage.endpointGroups.filter((g) => (usage.totals.byEndpoint[g] ?? 0) > 0);
  const rows = usage.days.map((d) => ({ day: d.day, ...Object.fromEntries(groups.map((g) => [g, d.byEndpoint[g] ?? 0])) })) as Array<
    Record<string, number | string> & { day: string }
  >;
  return (
    <BarChart
      title="API requests by endpoint group"
      summary={`${usage.totals.requests.toLocaleString("en-US")} requests from ${usage.from} to ${usage.to}`}
      data={rows}
      x="day"
      series={groups.map((g) => ({ key: g, label: g, color: GROUP_COLORS[g] }))}
      formatX={shortDay}
      xTickInterval="preserveStartEnd"
      stacked
      legend
      height={240}
      empty={<p className="py-10 text-center text-sm text-slate-500">No API requests in this range yet.</p>}
      data-testid="usage-chart"
    />
  );
}
