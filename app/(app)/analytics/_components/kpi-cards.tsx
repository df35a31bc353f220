"use client";

import { formatDuration, formatMoney, formatNumber, formatPercent } from "@/components/charts/format";
import { KpiCard, type KpiDelta } from "@/components/ui/kpi-card";
import type { AnalyticsKpis } from "@/lib/services/analytics/schemas";
import type { Kpi } from "@/lib/services/dashboard/schemas";

type Unit = "count" | "ratio" | "seconds";

interface CardSpec {
  testId: string;
  label: string;
  pick: (k: AnalyticsKpis) => Kpi;
  unit: Unit;
  goodWhen?: "up" | "down";
}

const CARDS: readonly CardSpec[] = [
  { testId: "kpi-calls", label: "Calls", pick: (k) => k.kpis.calls, unit: "count" },
  { testId: "kpi-answer-rate", label: "Answer rate", pick: (k) => k.kpis.answerRate, unit: "ratio" },
  { testId: "kpi-avg-duration", label: "Average duration", pick: (k) => k.kpis.avgDurationSec, unit: "seconds" },
  { testId: "kpi-bookings", label: "Bookings", pick: (k) => k.kpis.bookings, unit: "count" },
  { testId: "kpi-conversion", label: "Booking conversion", pick: (k) => k.kpis.conversion, unit: "ratio" },
  { testId: "kpi-no-show-rate", label: "No-show rate", pick: (k) => k.kpis.noShowRate, unit: "ratio", goodWhen: "down" },
  { testId: "kpi-positive", label: "Positive callers", pick: (k) => k.sentiment.positive, unit: "ratio" },
  { testId: "kpi-negative", label: "Negative callers", pick: (k) => k.sentiment.negative, unit: "ratio", goodWhen: "down" },
];

const show = (v: number | null, unit: Unit) =>
  v === null ? "—" : unit === "count" ? formatNumber(v) : unit === "ratio" ? formatPercent(v) : formatDuration(v);

const signedPoints = (v: number) => `${v > 0 ? "+" : v < 0 ? "−" : "±"}${Math.abs(v * 100).toFixed(1)} pts`;

/** Shares change in percentage points, counts and durations relatively. */
function deltaOf(kpi: Kpi, spec: CardSpec): KpiDelta | undefined {
  const label = "vs previous period";
  if (spec.unit === "ratio") {
    if (kpi.current === null || kpi.previous === null) return undefined;
    return { value: kpi.current - kpi.previous, label, format: signedPoints, goodWhen: spec.goodWhen };
  }
  return kpi.change === null ? undefined : { value: kpi.change, label, goodWhen: spec.goodWhen };
}

/**
 * The headline numbers and revenue (a card a currency) against the previous period of as many days.
 * Each value carries its raw number in `data-value`, so tests compare with the API exactly.
 */
export function KpiCards({ data }: { data: AnalyticsKpis }) {
  return (
    <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-5">
      {CARDS.map((spec) => {
        const kpi = spec.pick(data);
        const delta = deltaOf(kpi, spec);
        return (
          <KpiCard
            key={spec.testId}
            label={spec.label}
            valueTestId={spec.testId}
            value={<span data-value={kpi.current ?? ""}>{show(kpi.current, spec.unit)}</span>}
            delta={delta}
            hint={delta ? undefined : "nothing to compare with"}
          />
        );
      })}
      {data.revenue.length === 0 ? (
        <KpiCard label="Revenue" valueTestId="kpi-revenue" value={<span data-value="">—</span>} hint="no completed paid appointments" />
      ) : (
        data.revenue.map((r) => (
          <KpiCard
            key={r.currency}
            label={`Revenue (${r.currency})`}
            valueTestId={`kpi-revenue-${r.currency.toLowerCase()}`}
            value={<span data-value={r.current}>{formatMoney(r.current, r.currency)}</span>}
            delta={r.change === null ? undefined : { value: r.change, label: "vs previous period" }}
            hint={r.change === null ? "nothing to compare with" : undefined}
          />
        ))
      )}
    </div>
  );
}
