"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ErrorState } from "@/components/ui/error-state";
import { LoadingSkeleton } from "@/components/ui/skeleton";
import { ApiClientError } from "@/components/data/api-error";
import { Card } from "@/components/ui/card";
import { BreakersPanel } from "./breakers-panel";
import { CachePanel } from "./cache-panel";
import { CompanyLimitsPanel } from "./company-limits-panel";
import { companiesQuery, CompanyPicker } from "./company-picker";
import { ConnectionBadge } from "./connection-badge";
import { DependenciesPanel } from "./dependencies-panel";
import { RateLimitsPanel } from "./rate-limits-panel";
import { RegistryPanel } from "./registry-panel";
import { StatusClasses } from "./status-classes";
import { TracesPanel } from "./traces-panel";
import { TrafficPanel } from "./traffic-panel";
import { useHealthStream } from "./use-health-stream";
import { useReadiness } from "./use-readiness";

export type HealthViewer = { kind: "platform" } | { kind: "company"; companyName: string };

const PART_NAMES: Record<string, string> = {
  traffic: "traffic",
  limits: "limits",
  breakers: "breakers",
  registry: "the registry",
  dependencies: "dependency checks",
  queue: "the queue",
};

/** The live gateway view: scope, connection state, then every panel the scope's payload has. */
export function HealthView({ viewer, initialCompanyId }: { viewer: HealthViewer; initialCompanyId: string | null }) {
  const [companyId, setCompanyId] = useState(initialCompanyId);
  const stream = useHealthStream(companyId);
  const latest = stream.window.latest;
  const platformAdmin = viewer.kind === "platform";
  const companies = useQuery(companiesQuery(platformAdmin && companyId !== null));
  const readiness = useReadiness(latest?.scope === "company");

  function pickScope(next: string | null) {
    stream.retry();
    setCompanyId(next);
    const url = new URL(window.location.href);
    if (next) url.searchParams.set("companyId", next);
    else url.searchParams.delete("companyId");
    window.history.replaceState(null, "", url);
  }

  const scopeText =
    viewer.kind === "company"
      ? `${viewer.companyName}'s API traffic and limits`
      : companyId
        ? `${companies.data?.find((c) => c.id === companyId)?.name ?? companyId}'s API traffic and limits`
        : "Whole platform";
  const unavailable = latest?.unavailable ?? [];
  const statusCard = latest ? (
    <Card title="Status classes" description="Responses from route handlers, last 60 s">
      <StatusClasses counts={latest.requests.statusClasses} />
    </Card>
  ) : null;
  const degraded = stream.degraded || unavailable.length > 0;

  return (
    <div className="mx-auto max-w-7xl space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight">Gateway health</h1>
          <p className="mt-1 text-sm text-slate-600">
            <span data-testid="health-scope">{scopeText}</span>, live.
          </p>
          <div className="mt-2">
            <ConnectionBadge mode={stream.mode} receivedAt={stream.window.receivedAt} />
          </div>
        </div>
        {platformAdmin ? <CompanyPicker value={companyId} onChange={pickScope} /> : null}
      </div>

      {stream.mode === "stopped" ? (
        <ErrorState error={stream.error} subject="Gateway health" onRetry={stream.retry} />
      ) : stream.error ? (
        <ErrorState key={errorKey(stream.error)} error={stream.error} subject="Gateway health" variant="banner" />
      ) : null}
      {degraded && stream.mode !== "stopped" ? (
        <ErrorState
          variant="banner"
          subject={
            unavailable.length > 0
              ? `Part of the health data (${unavailable.map((p) => PART_NAMES[p] ?? p).join(", ")})`
              : "Live health data"
          }
          error={new ApiClientError({ status: 503, code: "service_unavailable", message: "" })}
        />
      ) : null}

      {stream.mode === "stopped" ? null : !latest ? (
        <div className="space-y-4">
          <LoadingSkeleton shape="cards" count={4} label="Connecting to the live feed…" />
          <div className="grid gap-4 lg:grid-cols-2">
            <LoadingSkeleton shape="chart" label="" />
            <LoadingSkeleton shape="chart" label="" />
          </div>
        </div>
      ) : (
        <>
          <TrafficPanel window={stream.window} latest={latest} />
          {latest.scope === "platform" ? (
            <>
              <div className="grid gap-4 lg:grid-cols-2 xl:grid-cols-3">
                {statusCard}
                <RateLimitsPanel edge={latest.edge} />
                <CachePanel cache={latest.cache} className="lg:col-span-2 xl:col-span-1" />
              </div>
              <div className="grid items-start gap-4 lg:grid-cols-2">
                <BreakersPanel breakers={latest.breakers} fallbacks={latest.fallbacks} />
                <DependenciesPanel checks={latest.dependencies} queue={latest.queue} />
              </div>
              <RegistryPanel registry={latest.registry} />
              <TracesPanel companyId={null} />
            </>
          ) : (
            <div className="grid items-start gap-4 lg:grid-cols-3">
              <div className="space-y-4">
                {statusCard}
                <DependenciesPanel checks={readiness} />
              </div>
              <div className="lg:col-span-2">
                <CompanyLimitsPanel limits={latest.limits} />
              </div>
              <div className="lg:col-span-3">
                <TracesPanel companyId={platformAdmin ? companyId : null} />
              </div>
            </div>
          )}
        </>
      )}
    </div>
  );
}

const errorKey = (e: unknown) => (e instanceof ApiClientError ? `${e.status}-${e.requestId ?? ""}` : "error");
