"use client";

import { KpiCard, type KpiDelta } from "@/components/ui/kpi-card";
import type { DashboardOverview, DashboardRange, Kpi } from "@/lib/services/dashboard/schemas";
import { formatCount, formatDuration, formatMoney, formatRatio } from "./format";

const COMPARED_WITH: Record<DashboardRange | "custom", string> = {
  today: "vs yesterday",
  "7d": "vs previous 7 days",
  "30d": "vs previous 30 days",
  "90d": "vs previous 90 days",
  custom: "vs previous period",
};

type KpiName = keyof DashboardOverview["kpis"];

interface KpiSpec {
  name: KpiName;
  label: string;
  testId: string;
  format: (v: number | null) => string;
  /** Rates compare in percentage points; counts and durations as a relative change. */
  delta: "relative" | "points";
  goodWhen?: "up" | "down";
}

const KPIS: readonly KpiSpec[] = [
  { name: "calls", label: "Calls", testId: "kpi-calls", format: formatCount, delta: "relative" },
  { name: "answered", label: "Answered", testId: "kpi-answered", format: formatCount, delta: "relative" },
  { name: "answerRate", label: "Answer rate", testId: "kpi-answer-rate", format: formatRatio, delta: "points" },
  { name: "avgDurationSec", label: "Average duration", testId: "kpi-avg-duration", format: formatDuration, delta: "relative" },
  { name: "bookings", label: "Bookings", testId: "kpi-bookings", format: formatCount, delta: "relative" },
  { name: "conversion", label: "Booking conversion", testId: "kpi-conversion", format: formatRatio, delta: "points" },
];

const signedPoints = (v: number) => `${v > 0 ? "+" : v < 0 ? "−" : "±"}${Math.abs(v * 100).toFixed(1)} pts`;

function deltaOf(kpi: Kpi, spec: KpiSpec, label: string): KpiDelta | undefined {
  if (spec.delta === "points") {
    if (kpi.current === null || kpi.previous === null) return undefined;
    return { value: kpi.current - kpi.previous, label, format: signedPoints, goodWhen: spec.goodWhen };
  }
  return kpi.change === null ? undefined : { value: kpi.change, label, goodWhen: spec.goodWhen };
}

/** Why a KPI has no delta: nothing (or nothing comparable) in the period before. */
function noDeltaHint(kpi: Kpi, label: string): string {
  return kpi.previous === null || kpi.previous === 0 ? `nothing to compare ${label.replace(/^vs /, "with ")}` : "";
}

/**
 * The six headline numbers and the revenue (one card a currency) with their change against the previous period. Each value carries
 * `data-testid="kpi-…"` and its raw number in `data-value`, so tests compare with the API exactly.
 */
export function KpiGrid({ overview }: { overview: DashboardOverview }) {
  const label = COMPARED_WITH[overview.period.range];
  return (
    <div className="grid grid-cols-2 gap-3 lg:grid-cols-3 2xl:grid-cols-7">
      {KPIS.map((spec) => {
        const kpi = overview.kpis[spec.name];
        const delta = deltaOf(kpi, spec, label);
        return (
          <KpiCard
            key={spec.name}
            label={spec.label}
            valueTestId={spec.testId}
            value={<span data-value={kpi.current ?? ""}>{spec.format(kpi.current)}</span>}
            delta={delta}
            hint={delta ? undefined : noDeltaHint(kpi, label) || undefined}
          />
        );
      })}
      {overview.revenue.length === 0 ? (
        <KpiCard label="Revenue" valueTestId="kpi-revenue" value={<span data-value="">—</span>} hint="no completed paid appointments" />
      ) : (
        overview.revenue.map((r) => (
          <KpiCard
            key={r.currency}
            label={`Revenue (${r.currency})`}
            valueTestId={`kpi-revenue-${r.currency.toLowerCase()}`}
            value={<span data-value={r.current}>{formatMoney(r.current, r.currency)}</span>}
            delta={r.change === null ? undefined : { value: r.change, label }}
            hint={r.change === null ? noDeltaHint(r, label) || undefined : undefined}
          />
        ))
      )}
    </div>
  );
}
