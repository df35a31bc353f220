"use client";

import { formatNumber } from "@/components/charts/format";
import { Badge, statusTone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import type { CompanyLimitsView } from "@/lib/metrics/read-company-limits";

const LABELS: Record<string, string> = { apiKeys: "API keys", outboundCalls: "Outbound calls", health: "Health (this view)" };
const label = (key: string) => LABELS[key] ?? key.charAt(0).toUpperCase() + key.slice(1);
/** The platform admin API is not a company's to use. */
const HIDDEN = new Set(["admin"]);

/** Company view: this hour's use of the company limit (layer 3), and the per-hour limits of the others. */
export function CompanyLimitsPanel({ limits }: { limits: CompanyLimitsView | null }) {
  if (!limits) {
    return (
      <Card title="Limits this hour">
        <p className="text-sm text-slate-500">The company&apos;s limits could not be read just now.</p>
      </Card>
    );
  }
  const { used, limit, remaining, resetSec } = limits.company;
  const share = limit > 0 ? Math.min(1, used / limit) : 0;
  return (
    <Card
      title="Limits this hour"
      description={`Resets in ${Math.ceil(resetSec / 60)} min`}
      actions={
        <>
          <Badge tone="info">{limits.tier}</Badge>
          <Badge tone={statusTone(limits.status)}>{limits.status}</Badge>
        </>
      }
    >
      <div>
        <div className="flex items-baseline justify-between gap-2 text-sm">
          <span className="font-medium">Company requests</span>
          <span className="tabular-nums" data-testid="company-usage">
            {formatNumber(used)} <span className="text-slate-500">of {formatNumber(limit)}</span>
          </span>
        </div>
        <div
          role="progressbar"
          aria-label="Company requests used this hour"
          aria-valuemin={0}
          aria-valuemax={limit}
          aria-valuenow={used}
          className="mt-1.5 h-2 overflow-hidden rounded-full bg-slate-100"
        >
          <div
            className={cn("h-full rounded-full", share >= 0.9 ? "bg-red-500" : share >= 0.7 ? "bg-amber-500" : "bg-brand-500")}
            style={{ width: `${share * 100}%` }}
          />
        </div>
        <p className="mt-1 text-xs text-slate-500">
          {formatNumber(remaining)} left · each person also has {formatNumber(limits.userPerHour)} an hour
        </p>
      </div>
      <div className="mt-4 grid gap-4 sm:grid-cols-2">
        <LimitList title="Per person or key, by endpoint" entries={limits.endpointPerHour} />
        <LimitList title="Creations and jobs, per company" entries={limits.resourcePerHour} />
      </div>
    </Card>
  );
}

function LimitList({ title, entries }: { title: string; entries: Record<string, number> }) {
  return (
    <div>
      <h3 className="text-xs font-medium text-slate-500">{title} (per hour)</h3>
      <dl className="mt-1 divide-y divide-slate-100 text-sm">
        {Object.entries(entries)
          .filter(([k]) => !HIDDEN.has(k))
          .map(([k, v]) => (
            <div key={k} className="flex justify-between gap-2 py-1">
              <dt className="text-slate-600">{label(k)}</dt>
              <dd className="tabular-nums">{formatNumber(v)}</dd>
            </div>
          ))}
      </dl>
    </div>
  );
}
