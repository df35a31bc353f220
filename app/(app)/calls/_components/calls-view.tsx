"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { isApiClientError } from "@/components/data/api-error";
import { apiFetchEnvelope } from "@/components/data/api-fetch";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Pager } from "@/components/ui/pager";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadingSkeleton } from "@/components/ui/skeleton";
import type { CallListItem } from "@/lib/services/calls/schemas";
import { CallFilters } from "./call-filters";
import { CallsTable } from "./calls-table";
import { ExportControl } from "./export-control";
import { LoadError } from "@/components/ui/load-error";
import { hasFilters, useCallsUrl, type CallFilterValues } from "./use-calls-url";

export const CALLS_PAGE_SIZE = 25;

interface CallListMeta {
  nextCursor: string | null;
  limit: number;
}

function callsQuery(filters: CallFilterValues, cursor: string | null) {
  return {
    queryKey: ["calls", "list", filters, cursor] as const,
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      apiFetchEnvelope<CallListItem[], CallListMeta>("/api/v1/calls", { signal, query: { ...filters, cursor, limit: CALLS_PAGE_SIZE } }),
    placeholderData: keepPreviousData,
  };
}

const isBadCursor = (error: unknown) =>
  isApiClientError(error) && error.status === 400 && Array.isArray(error.details) && error.details.some((d) => d.field === "cursor");

/** /calls: filters, the table, Previous/Next, and Export for those allowed to. All state lives in the URL. */
export function CallsView({ canExport, timeZone }: { canExport: boolean; timeZone: string }) {
  const url = useCallsUrl();
  const { filters, cursor } = url;
  const list = useQuery(callsQuery(filters, cursor));
  const top = useRef<HTMLDivElement>(null);

  // A new page starts at its top when the table's top has scrolled away.
  const shownPage = list.isPlaceholderData ? null : url.page;
  useEffect(() => {
    if (shownPage === null || !top.current) return;
    if (top.current.getBoundingClientRect().top < 0) top.current.scrollIntoView({ block: "start" });
  }, [shownPage, cursor]);

  const rows = list.data?.data ?? [];
  const ready = list.isSuccess && !list.isPlaceholderData;
  const customerName = filters.customerId ? (rows.find((c) => c.customer?.id === filters.customerId)?.customer?.name ?? null) : null;
  const filtered = hasFilters(filters);

  return (
    <div className="mx-auto max-w-7xl space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight">Calls</h1>
          <p className="mt-1 text-sm text-slate-600">
            Every call your receptionist handled, newest first. Times in {timeZone.replace(/_/g, " ")}.
          </p>
        </div>
        {canExport ? <ExportControl key={JSON.stringify(filters)} filters={filters} /> : null}
      </div>

      <Card padded>
        <CallFilters filters={filters} onChange={url.setFilters} onClear={url.clearFilters} customerName={customerName} />
      </Card>

      <div ref={top} className="scroll-mt-4">
        <Card
          padded={false}
          aria-label="Calls"
          data-testid="calls-list"
          data-state={ready ? "ready" : list.isError ? "error" : "loading"}
          aria-busy={!ready}
        >
          {list.isError ? (
            <div className="p-4">
              {isBadCursor(list.error) ? (
                <EmptyState
                  title="That page is no longer available"
                  description="The link points into a list that has changed. Start again from the first page."
                  action={<Button onClick={url.firstPage}>First page</Button>}
                />
              ) : (
                <LoadError
                  error={list.error}
                  subject="The call list"
                  onRetry={() => void list.refetch()}
                  hasData={list.data !== undefined}
                />
              )}
            </div>
          ) : null}
          {list.data ? (
            <div className={ready ? undefined : "opacity-60 transition-opacity"}>
              <CallsTable
                calls={rows}
                timeZone={timeZone}
                empty={
                  <div className="p-4" data-testid="calls-empty">
                    {filtered ? (
                      <EmptyState
                        title="No calls match these filters"
                        description="Widen the dates or clear a filter to see more."
                        action={<Button onClick={url.clearFilters}>Clear filters</Button>}
                      />
                    ) : (
                      <EmptyState
                        title="No calls yet"
                        description="Calls your AI receptionist answers or places show up here within a minute."
                      />
                    )}
                  </div>
                }
              />
              <Pager
                page={url.page}
                hasPrevious={url.cursor !== null}
                nextCursor={list.data.meta?.nextCursor ?? null}
                onPrevious={url.previousPage}
                onNext={url.nextPage}
                busy={!ready}
              />
            </div>
          ) : list.isPending ? (
            <LoadingSkeleton label="Loading calls…" count={10} className="p-4" />
          ) : null}
        </Card>
      </div>
    </div>
  );
}
