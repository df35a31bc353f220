"use client";

import { useState } from "react";
import { formatMs } from "@/components/charts/format";
import { Button } from "@/components/ui/button";
import { Table, type Column } from "@/components/ui/table";
import type { StoredSpan, StoredTrace } from "@/lib/tracing/slow-requests/stored-trace";

interface Row {
  span: StoredSpan;
  index: number;
  depth: number;
}

const MAX_INDENT = 8;

function rowsOf(trace: StoredTrace): Row[] {
  const depth = new Map<number, number>();
  return trace.spans.map((span, index) => {
    const d = span.parent === null ? 0 : (depth.get(span.parent) ?? 0) + 1;
    depth.set(index, d);
    return { span, index, depth: d };
  });
}

/** The one line under a span's name: its SQL shape, cache status, Redis commands or vendor outcome. */
function detail(span: StoredSpan): string | null {
  const a = span.attributes;
  const sql = a["db.query.text"] ?? a["db.statement"];
  if (typeof sql === "string") return sql;
  if (a["switchboard.cache.status"] !== undefined)
    return `${a["switchboard.cache.status"]}${a["switchboard.cache.layer"] ? ` (${a["switchboard.cache.layer"]})` : ""}`;
  if (a["switchboard.redis.commands"] !== undefined) return String(a["switchboard.redis.commands"]);
  if (a["switchboard.vendor.outcome"] !== undefined)
    return `${a["switchboard.vendor.outcome"]}, breaker ${a["switchboard.breaker.state"] ?? "?"}`;
  return null;
}

const offsetText = (ms: number) => `+${formatMs(ms)}`;

/**
 * One request's spans as a waterfall (a bar per span, placed by its offset and sized by its duration
 * within the request; names indented under their parents), or the same as a table. Each row says its
 * start and duration in text, so the bars are decoration only.
 */
export function TraceWaterfall({ trace }: { trace: StoredTrace }) {
  const [view, setView] = useState<"waterfall" | "table">("waterfall");
  const rows = rowsOf(trace);
  const total = Math.max(trace.durationMs, 0.01);
  const label = `Spans of ${trace.method} ${trace.path}`;

  const columns: ReadonlyArray<Column<Row>> = [
    {
      key: "name",
      header: "Span",
      hideLabelWhenStacked: true,
      cell: (r) => (
        <span>
          {"· ".repeat(Math.min(r.depth, MAX_INDENT))}
          {r.span.name}
          {r.span.error ? <span className="ml-1 font-semibold text-red-700">(error)</span> : null}
        </span>
      ),
    },
    { key: "start", header: "Starts at", align: "right", cell: (r) => offsetText(r.span.offsetMs) },
    { key: "duration", header: "Duration", align: "right", cell: (r) => formatMs(r.span.durationMs) },
    { key: "detail", header: "Detail", cell: (r) => <span className="font-mono text-xs break-all">{detail(r.span) ?? "—"}</span> },
  ];

  return (
    <div className="space-y-3" data-testid="trace-waterfall">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-slate-700">
          <span className="font-medium text-slate-900">
            {trace.method} {trace.path}
          </span>{" "}
          · {trace.status} · {formatMs(trace.durationMs)} · {rows.length} spans
          {trace.droppedSpans > 0 ? ` (${trace.droppedSpans} more not kept)` : ""}
          {trace.requestId ? <span className="ml-1 font-mono text-xs text-slate-600">{trace.requestId}</span> : null}
        </p>
        <div className="flex gap-1" role="group" aria-label="Show the spans as">
          <Button
            size="sm"
            variant={view === "waterfall" ? "primary" : "secondary"}
            aria-pressed={view === "waterfall"}
            onClick={() => setView("waterfall")}
          >
            Waterfall
          </Button>
          <Button
            size="sm"
            variant={view === "table" ? "primary" : "secondary"}
            aria-pressed={view === "table"}
            onClick={() => setView("table")}
          >
            Table
          </Button>
        </div>
      </div>

      {view === "table" ? (
        <Table caption={label} columns={columns} rows={rows} rowKey={(r) => String(r.index)} />
      ) : (
        <ol aria-label={label} className="space-y-1">
          {rows.map((r) => {
            const left = Math.min(100, (r.span.offsetMs / total) * 100);
            const width = Math.max(0.5, Math.min(100 - left, (r.span.durationMs / total) * 100));
            const extra = detail(r.span);
            return (
              <li key={r.index} className="grid grid-cols-1 gap-x-3 gap-y-0.5 sm:grid-cols-[minmax(0,2fr)_minmax(0,3fr)] sm:items-center">
                <div className="min-w-0" style={{ paddingLeft: `${Math.min(r.depth, MAX_INDENT) * 0.75}rem` }}>
                  <p className="truncate text-xs text-slate-900" title={r.span.name}>
                    {r.span.name}
                    {r.span.error ? <span className="ml-1 font-semibold text-red-700">(error)</span> : null}
                  </p>
                  {extra ? (
                    <p className="truncate font-mono text-[11px] text-slate-600" title={extra}>
                      {extra}
                    </p>
                  ) : null}
                </div>
                <div className="flex items-center gap-2">
                  <div className="relative h-3 flex-1 rounded bg-slate-100" aria-hidden>
                    <div
                      className={r.span.error ? "absolute inset-y-0 rounded bg-red-600" : "absolute inset-y-0 rounded bg-sky-700"}
                      style={{ left: `${left}%`, width: `${width}%` }}
                    />
                  </div>
                  <span className="w-32 shrink-0 text-right text-xs text-slate-700 tabular-nums">
                    <span className="sr-only">starts at </span>
                    {offsetText(r.span.offsetMs)}
                    <span aria-hidden> · </span>
                    <span className="sr-only">, takes </span>
                    {formatMs(r.span.durationMs)}
                  </span>
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
