"use client";

import { AreaChart } from "@/components/charts/area-chart";
import { formatClock, formatMs, formatNumber, formatPercent, formatRate } from "@/components/charts/format";
import { LineChart } from "@/components/charts/line-chart";
import { TONE_COLORS } from "@/components/charts/palette";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { KpiCard } from "@/components/ui/kpi-card";
import type { GatewayHealth } from "@/lib/metrics/gateway-health";
import type { HealthWindow } from "./health-window";

const noTraffic = (
  <EmptyState
    compact
    title="No traffic in the last minute"
    description="Requests to the API will show here within a second."
    data-testid="no-traffic"
    className="h-[220px]"
  />
);
const collecting = (
  <EmptyState
    compact
    title="Collecting samples…"
    description="Latency is drawn from one sample a second; give it a few seconds."
    className="h-[220px]"
  />
);

/** Headline numbers, then requests per second and latency percentiles over the rolling window. */
export function TrafficPanel({ window: w, latest }: { window: HealthWindow; latest: GatewayHealth }) {
  const r = latest.requests;
  const platform = latest.scope === "platform" ? latest : null;
  const quiet = r.total.last60s === 0 && w.points.every((p) => p.requests === 0);
  const peak = Math.max(0, ...w.points.map((p) => p.requests));
  const p95 = r.latencyMs.last10s.p95;

  return (
    <>
      <div className={platform ? "grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6" : "grid grid-cols-2 gap-3 lg:grid-cols-4"}>
        <KpiCard label="Requests / s" value={formatRate(r.perSecond.last10s)} hint="last 10 s" valueTestId="requests-per-second" />
        <KpiCard label="Requests" value={formatNumber(r.total.last60s)} hint="last 60 s" valueTestId="requests-total" />
        <KpiCard
          label="Server errors"
          value={formatPercent(r.errorRate)}
          hint="5xx, last 60 s"
          tone={r.errorRate >= 0.05 ? "danger" : r.errorRate > 0 ? "warning" : "default"}
          valueTestId="error-rate"
        />
        <KpiCard
          label="Latency p95"
          value={p95 === null ? "—" : formatMs(p95)}
          hint={`p50 ${bare(r.latencyMs.last10s.p50)} · p99 ${fmt(r.latencyMs.last10s.p99)}`}
          valueTestId="latency-p95"
        />
        {platform ? (
          <>
            <KpiCard
              label="Rate limited"
              value={formatNumber(platform.edge?.limited ?? 0)}
              hint="429s, last 60 s"
              tone={(platform.edge?.limited ?? 0) > 0 ? "warning" : "default"}
              valueTestId="limited-total"
            />
            <KpiCard
              label="Cache hit ratio"
              value={platform.cache?.hitRatio == null ? "—" : formatPercent(platform.cache.hitRatio)}
              hint={
                !platform.cache
                  ? "not readable"
                  : platform.cache.hitRatio === null
                    ? "no lookups, last 60 s"
                    : `${formatNumber(platform.cache.hits + platform.cache.stale)} of ${formatNumber(platform.cache.hits + platform.cache.stale + platform.cache.misses)} lookups`
              }
              valueTestId="cache-hit-ratio"
            />
          </>
        ) : null}
      </div>

      <div className="grid gap-4 lg:grid-cols-2">
        <Card
          title="Requests per second"
          description={`${platform ? "All app instances" : "This company's requests"}, per second, up to the last 2 minutes`}
        >
          <AreaChart
            title="Requests per second"
            summary={`Now ${formatRate(r.perSecond.last10s)} requests per second over the last 10 seconds; peak ${peak} in one second.`}
            data={quiet ? [] : w.points}
            x="t"
            xType="number"
            formatX={(t) => formatClock(Number(t))}
            formatY={formatRate}
            series={[
              { key: "requests", label: "Requests", color: TONE_COLORS.info },
              { key: "errors", label: "5xx", color: TONE_COLORS.bad },
              ...(platform ? [{ key: "limited" as const, label: "429", color: TONE_COLORS.warn }] : []),
            ]}
            empty={noTraffic}
            data-testid="chart-requests"
          />
        </Card>
        <Card title="Latency" description="p50 / p95 / p99 over the trailing 10 s, since you opened this page">
          <LineChart
            title="Latency percentiles"
            summary={`p50 ${fmt(r.latencyMs.last10s.p50)}, p95 ${fmt(p95)}, p99 ${fmt(r.latencyMs.last10s.p99)} over the last 10 seconds.`}
            data={quiet || w.samples.length < 3 ? [] : w.samples}
            x="t"
            xType="number"
            formatX={(t) => formatClock(Number(t))}
            formatY={formatMs}
            series={[
              { key: "p50", label: "p50", color: TONE_COLORS.ok },
              { key: "p95", label: "p95", color: TONE_COLORS.info },
              { key: "p99", label: "p99", color: TONE_COLORS.bad, dashed: true },
            ]}
            empty={quiet ? noTraffic : collecting}
            data-testid="chart-latency"
          />
        </Card>
      </div>
    </>
  );
}

const fmt = (v: number | null) => (v === null ? "—" : formatMs(v));
/** Without the unit when it is ms, to keep the KPI hint short: "p50 12 · p99 120 ms". */
const bare = (v: number | null) => (v === null ? "—" : v >= 1000 ? formatMs(v) : String(Math.round(v)));
