"use client";

import { BarChart } from "@/components/charts/bar-chart";
import { formatNumber } from "@/components/charts/format";
import { TONE_COLORS } from "@/components/charts/palette";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import type { EdgeSummary } from "@/lib/metrics/summarize-live";

/** The five layers in policy order (lib/gateway/rate-limit/policy.ts), with the per-minute burst half of layer 1. */
const LAYERS = [
  { key: "global", label: "Global" },
  { key: "global_burst", label: "Burst" },
  { key: "user", label: "User" },
  { key: "company", label: "Company" },
  { key: "endpoint", label: "Endpoint" },
  { key: "resource", label: "Resource" },
] as const;

/** Platform view: the edge's 429s by layer over the last minute, and what it refused outright. */
export function RateLimitsPanel({ edge }: { edge: EdgeSummary | null }) {
  if (!edge) {
    return (
      <Card title="429s by layer">
        <p className="text-sm text-slate-500">The edge&apos;s counters could not be read just now.</p>
      </Card>
    );
  }
  const known = new Set<string>(LAYERS.map((l) => l.key));
  const rows = [
    ...LAYERS.map((l) => ({ layer: l.label, count: edge.limitedByLayer[l.key] ?? 0 })),
    ...Object.entries(edge.limitedByLayer)
      .filter(([k]) => !known.has(k))
      .map(([k, count]) => ({ layer: k, count })),
  ];
  const denied = Object.entries(edge.denied).filter(([, n]) => n > 0);
  return (
    <Card
      title="429s by layer"
      description={`Last 60 s · ${formatNumber(edge.allowed)} allowed, ${formatNumber(edge.limited)} limited`}
      data-testid="limited-by-layer"
    >
      {edge.limited === 0 ? (
        <EmptyState
          compact
          title="No 429s in the last minute"
          description="Every request stayed within its global, user, company, endpoint and resource limits."
          data-testid="no-limited"
        />
      ) : (
        <BarChart
          title="Rate-limited requests by layer, last 60 seconds"
          summary={rows.map((r) => `${r.layer}: ${r.count}`).join(", ")}
          data={rows}
          x="layer"
          layout="vertical"
          series={[{ key: "count", label: "429s" }]}
          barColor={(row) => (row.count > 0 ? TONE_COLORS.warn : TONE_COLORS.muted)}
          height={200}
          data-testid="chart-limited"
        />
      )}
      <p className="mt-2 text-xs text-slate-500">
        {denied.length === 0
          ? "None refused for bad credentials or a suspended company."
          : `Refused outright: ${denied.map(([k, n]) => `${k} ${formatNumber(n)}`).join(", ")}.`}
      </p>
    </Card>
  );
}
