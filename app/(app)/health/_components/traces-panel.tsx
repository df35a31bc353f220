"use client";

import { useQuery } from "@tanstack/react-query";
import { format } from "date-fns";
import { useState } from "react";
import { formatMs } from "@/components/charts/format";
import { apiFetch } from "@/components/data/api-fetch";
import { pollEvery } from "@/components/data/retry-policy";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { LoadingSkeleton } from "@/components/ui/skeleton";
import { Table, type Column } from "@/components/ui/table";
import type { StoredTrace } from "@/lib/tracing/slow-requests/stored-trace";
import { TraceWaterfall } from "./trace-waterfall";

interface SlowTraces {
  recording: boolean;
  windowMinutes: number;
  slowest: StoredTrace[];
  errors: StoredTrace[];
}

/**
 * The slowest requests of the last 15 minutes and every 5xx, with their spans (GET /api/gateway/traces,
 * once a minute: the health group's limit is 600/h). Pick one to see its waterfall.
 */
export function TracesPanel({ companyId }: { companyId: string | null }) {
  const [list, setList] = useState<"slowest" | "errors">("slowest");
  const [picked, setPicked] = useState<string | null>(null);
  const traces = useQuery({
    queryKey: ["health", "traces", companyId],
    queryFn: ({ signal }) => apiFetch<SlowTraces>("/api/gateway/traces", { query: { companyId }, signal, cache: "no-store" }),
    refetchInterval: pollEvery(60_000),
  });

  const rows = traces.data?.[list] ?? [];
  const shown = rows.find((t) => t.traceId === picked) ?? rows[0] ?? null;
  const columns: ReadonlyArray<Column<StoredTrace>> = [
    {
      key: "request",
      header: "Request",
      hideLabelWhenStacked: true,
      cell: (t) => (
        <span className="break-all">
          {t.method} {t.path}
        </span>
      ),
    },
    {
      key: "status",
      header: "Status",
      cell: (t) => <span className={t.status >= 500 ? "font-semibold text-red-700" : undefined}>{t.status}</span>,
    },
    { key: "duration", header: "Duration", align: "right", cell: (t) => formatMs(t.durationMs) },
    { key: "at", header: "At", cell: (t) => format(new Date(t.startedAt), "HH:mm:ss") },
    {
      key: "show",
      header: <span className="sr-only">Waterfall</span>,
      align: "right",
      hideLabelWhenStacked: true,
      cell: (t) => (
        <Button
          size="sm"
          variant={shown?.traceId === t.traceId ? "primary" : "secondary"}
          aria-pressed={shown?.traceId === t.traceId}
          onClick={() => setPicked(t.traceId)}
        >
          <span className="sr-only">
            {t.method} {t.path} at {format(new Date(t.startedAt), "HH:mm:ss")}:{" "}
          </span>
          Show spans
        </Button>
      ),
    },
  ];

  const tabs = (
    <div className="flex gap-1" role="group" aria-label="Which requests">
      {(["slowest", "errors"] as const).map((k) => (
        <Button key={k} size="sm" variant={list === k ? "primary" : "secondary"} aria-pressed={list === k} onClick={() => setList(k)}>
          {k === "slowest" ? "Slowest" : `5xx (${traces.data?.errors.length ?? 0})`}
        </Button>
      ))}
    </div>
  );

  return (
    <Card
      title="Slowest requests"
      description="The last 15 minutes, with where each request's time went"
      actions={tabs}
      data-testid="traces-panel"
    >
      {traces.isPending ? (
        <LoadingSkeleton shape="rows" count={3} label="Loading the slowest requests…" />
      ) : traces.isError ? (
        <ErrorState error={traces.error} subject="The slowest requests" variant="banner" />
      ) : rows.length === 0 ? (
        <EmptyState
          compact
          title={list === "errors" ? "No 5xx answers in the last 15 minutes" : "No requests recorded in the last 15 minutes"}
          description={
            traces.data.recording
              ? "Requests appear here as they are answered."
              : "Tracing is off on this server: set TRACING_SLOWEST=1 (or OTEL_EXPORTER_OTLP_ENDPOINT) to keep the slowest requests here."
          }
        />
      ) : (
        <div className="space-y-4">
          <Table
            caption={list === "errors" ? "5xx answers, newest first" : "Slowest requests, slowest first"}
            columns={columns}
            rows={rows}
            rowKey={(t) => t.traceId}
            rowTestId={() => "trace-row"}
          />
          {shown ? <TraceWaterfall trace={shown} /> : null}
        </div>
      )}
    </Card>
  );
}
