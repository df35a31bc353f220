"use client";

import { useQueryClient } from "@tanstack/react-query";
import { BarChart } from "@/components/charts/bar-chart";
import { TONE_COLORS } from "@/components/charts/palette";
import { LoadError } from "@/components/ui/load-error";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { SideSheet } from "@/components/ui/side-sheet";
import { Skeleton } from "@/components/ui/skeleton";
import type { ApiKeyListItem, ApiKeyUsage } from "@/lib/services/api-keys/schemas";
import { KEY_LIMIT_LAYERS } from "@/lib/gateway/rate-limit/key-usage";
import { canRevoke, canRotate, keyDisplayStatus, STATUS_LABEL, STATUS_TONE } from "./key-status";
import { useKeyUsage } from "./use-api-keys";

const LAYER_LABEL: Record<(typeof KEY_LIMIT_LAYERS)[number], string> = {
  global: "Limited: per IP",
  global_burst: "Limited: per-IP burst",
  company: "Limited: company",
  endpoint: "Limited: endpoint",
  resource: "Limited: resource",
};
const LAYER_COLOR: Record<(typeof KEY_LIMIT_LAYERS)[number], string> = {
  global: "#b45309",
  global_burst: "#f59e0b",
  company: "#7c3aed",
  endpoint: TONE_COLORS.warn,
  resource: "#0d9488",
};

type Row = { day: string; ok: number; refused: number } & Partial<Record<(typeof KEY_LIMIT_LAYERS)[number], number>>;

/** The chart's rows and series: ok, each layer that limited the key at least once in the range, refused. */
function chartOf(usage: ApiKeyUsage) {
  const layers = KEY_LIMIT_LAYERS.filter((l) => usage.totals.limited[l] > 0);
  const rows: Row[] = usage.days.map((d) => ({
    day: d.day,
    ok: d.ok,
    refused: d.refused,
    ...Object.fromEntries(layers.map((l) => [l, d.limited[l]])),
  }));
  const series = [
    { key: "ok" as const, label: "OK", color: TONE_COLORS.ok },
    ...layers.map((l) => ({ key: l, label: LAYER_LABEL[l], color: LAYER_COLOR[l] })),
    { key: "refused" as const, label: "Refused", color: TONE_COLORS.bad },
  ];
  return { rows, series };
}

const shortDay = (day: string) =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" });

export interface KeyUsageSheetProps {
  apiKey: ApiKeyListItem | null;
  onOpenChange: (open: boolean) => void;
  formatTime: (iso: string | null) => string;
  now: number | null;
  onRotate: (key: ApiKeyListItem) => void;
  onRevoke: (key: ApiKeyListItem) => void;
}

/** One key beside the list: its details and its requests of the last 30 days by outcome, stacked per UTC day. */
export function KeyUsageSheet({ apiKey, onOpenChange, formatTime, now, onRotate, onRevoke }: KeyUsageSheetProps) {
  const usage = useKeyUsage(apiKey?.id ?? null);
  const qc = useQueryClient();
  // "Last used" is written by the gateway at most once a minute: read the list again with the usage.
  const refresh = () => {
    void usage.refetch();
    void qc.invalidateQueries({ queryKey: ["api-keys"], exact: true });
  };
  const status = apiKey ? keyDisplayStatus(apiKey, now) : "active";
  const chart = usage.data ? chartOf(usage.data) : null;
  const t = usage.data?.totals;
  return (
    <SideSheet
      open={apiKey !== null}
      onOpenChange={onOpenChange}
      title={apiKey ? apiKey.name : "Key"}
      description={apiKey ? `${apiKey.prefix}…${apiKey.lastFour}` : undefined}
      className="max-w-xl"
      data-testid="key-sheet"
      footer={
        apiKey ? (
          <>
            <Button onClick={() => onRotate(apiKey)} disabled={!canRotate(status)}>
              Rotate…
            </Button>
            <Button variant="danger" onClick={() => onRevoke(apiKey)} disabled={!canRevoke(status)}>
              Revoke…
            </Button>
          </>
        ) : null
      }
    >
      {apiKey ? (
        <div className="space-y-5">
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
            <dt className="text-slate-500">Status</dt>
            <dd>
              <Badge tone={STATUS_TONE[status]} dot data-status={status}>
                {STATUS_LABEL[status]}
              </Badge>
            </dd>
            <dt className="text-slate-500">Scopes</dt>
            <dd className="font-mono text-xs break-words">{apiKey.scopes.join(", ")}</dd>
            <dt className="text-slate-500">Created</dt>
            <dd>
              {formatTime(apiKey.createdAt)} by {apiKey.createdByName ?? "a former member"}
            </dd>
            <dt className="text-slate-500">Expires</dt>
            <dd>{apiKey.expiresAt ? formatTime(apiKey.expiresAt) : "Never"}</dd>
            {apiKey.graceExpiresAt ? (
              <>
                <dt className="text-slate-500">Grace ends</dt>
                <dd>{formatTime(apiKey.graceExpiresAt)}</dd>
              </>
            ) : null}
            <dt className="text-slate-500">Last used</dt>
            <dd>{apiKey.lastUsedAt ? formatTime(apiKey.lastUsedAt) : "Never"}</dd>
          </dl>

          <section aria-labelledby="usage-heading" className="space-y-2" data-testid="key-usage">
            <div className="flex items-center justify-between gap-2">
              <h3 id="usage-heading" className="text-sm font-semibold text-slate-900">
                Requests, last 30 days (UTC)
              </h3>
              <Button size="sm" variant="ghost" onClick={refresh} loading={usage.isFetching} data-testid="usage-refresh">
                Refresh
              </Button>
            </div>
            {usage.isError ? (
              <LoadError
                error={usage.error}
                subject="This key's usage"
                onRetry={() => void usage.refetch()}
                hasData={Boolean(usage.data)}
              />
            ) : null}
            {usage.isError && !usage.data ? null : !chart || !t ? (
              <Skeleton className="h-56 w-full" />
            ) : (
              <>
                <p className="text-sm text-slate-600" data-testid="usage-totals">
                  <span data-testid="usage-total">{t.total}</span> requests: <span data-testid="usage-ok">{t.ok}</span> OK,{" "}
                  <span data-testid="usage-limited">{Object.values(t.limited).reduce((a, b) => a + b, 0)}</span> rate-limited,{" "}
                  <span data-testid="usage-refused">{t.refused}</span> refused.
                </p>
                <BarChart
                  title="Requests by day and outcome"
                  summary={`${t.total} requests in the last 30 days`}
                  data={chart.rows}
                  x="day"
                  series={chart.series}
                  stacked
                  legend
                  formatX={shortDay}
                  xTickInterval="preserveStartEnd"
                  height={240}
                  data-testid="usage-chart"
                />
                <p className="text-xs text-slate-500">
                  Rate-limited: refused by a rate-limit layer (429). Refused: the key was no longer valid (revoked, expired, past its grace)
                  or the company was suspended.
                </p>
              </>
            )}
          </section>
        </div>
      ) : null}
    </SideSheet>
  );
}
