"use client";

import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { LoadError } from "@/components/ui/load-error";
import { LoadingSkeleton } from "@/components/ui/skeleton";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatCount } from "./admin-labels";
import { LimitsCard } from "./limits-card";
import { OverridesEditor } from "./overrides-editor";
import { RecentChanges } from "./recent-changes";
import { SuspensionControl } from "./suspension-control";
import { useAdminCompany } from "./use-admin-company";

const when = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

function Fact({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-lg font-semibold text-slate-900 tabular-nums" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

/** /admin/companies/{id}: who the company is, its traffic, suspension, effective limits, the overrides editor and its recent changes. */
export function CompanyView({ id }: { id: string }) {
  const company = useAdminCompany(id);
  if (company.isPending) return <LoadingSkeleton label="Loading the company…" count={6} />;
  if (company.isError) {
    return (
      <div className="space-y-3">
        <BackLink />
        <LoadError error={company.error} subject="This company" onRetry={() => void company.refetch()} hasData={false} />
      </div>
    );
  }
  const c = company.data;
  return (
    <div className="space-y-4" data-testid="admin-company" data-status={c.status}>
      <BackLink />
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h2 className="text-xl font-semibold tracking-tight" data-testid="admin-company-name">
            {c.name}
          </h2>
          <p className="mt-0.5 text-sm break-all text-slate-500">
            {c.slug} · <span className="font-mono text-xs">{c.id}</span>
          </p>
          <div className="mt-2 flex flex-wrap gap-2">
            <Badge tone="info" data-testid="admin-company-tier">
              {c.tier}
            </Badge>
            <StatusBadge status={c.status} />
          </div>
        </div>
        <SuspensionControl company={c} onChanged={company.changed} />
      </div>
      {c.status === "suspended" ? (
        <div
          role="status"
          className="rounded-xl border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800"
          data-testid="suspension-banner"
        >
          <p className="font-medium">Suspended{c.suspendedAt ? ` since ${when.format(new Date(c.suspendedAt))} UTC` : ""}.</p>
          <p className="mt-0.5">Its people see: “{c.suspendedReason}”</p>
        </div>
      ) : null}
      <Card padded>
        <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
          <Fact label="Members" value={formatCount(c.memberCount)} />
          <Fact label="Active API keys" value={formatCount(c.activeApiKeyCount)} />
          <Fact label="Requests, last hour" value={c.lastHour ? formatCount(c.lastHour.requests) : "n/a"} />
          <Fact label="Refused (429), last hour" value={c.lastHour ? formatCount(c.lastHour.limited) : "n/a"} />
        </dl>
      </Card>
      <div className="grid gap-4 lg:grid-cols-2">
        <LimitsCard company={c} />
        <OverridesEditor company={c} onChanged={company.changed} />
      </div>
      <RecentChanges companyId={c.id} />
    </div>
  );
}

function BackLink() {
  return (
    <Link
      href="/admin"
      className="text-sm font-medium text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600"
    >
      ← All companies
    </Link>
  );
}
