"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { isApiClientError } from "@/components/data/api-error";
import { apiFetchEnvelope } from "@/components/data/api-fetch";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadError } from "@/components/ui/load-error";
import { Pager } from "@/components/ui/pager";
import { SearchBox } from "@/components/ui/search-box";
import { Select } from "@/components/ui/select";
import { LoadingSkeleton } from "@/components/ui/skeleton";
import { statusLabel } from "@/components/ui/status-badge";
import type { CompanyStatus, Tier } from "@/lib/db/schema/companies";
import type { AdminCompany } from "@/lib/services/admin/schemas";
import { TIER_LIST } from "./admin-labels";
import { CompaniesTable } from "./companies-table";
import { STATUS_LIST, useCompaniesUrl } from "./use-companies-url";

const PAGE_SIZE = 25;

const TIER_OPTIONS = [{ value: "" as const, label: "Any tier" }, ...TIER_LIST.map((t) => ({ value: t, label: t }))];
const STATUS_OPTIONS = [{ value: "" as const, label: "Any status" }, ...STATUS_LIST.map((s) => ({ value: s, label: statusLabel(s) }))];

const isBadCursor = (error: unknown) =>
  isApiClientError(error) && error.status === 400 && Array.isArray(error.details) && error.details.some((d) => d.field === "cursor");

/** /admin: search, tier and status filters, the companies table and Previous/Next; everything in the URL. */
export function CompaniesView() {
  const url = useCompaniesUrl();
  const { q, tier, status } = url.filters;
  const list = useQuery({
    queryKey: ["admin", "companies", q, tier, status, url.cursor] as const,
    queryFn: ({ signal }) =>
      apiFetchEnvelope<AdminCompany[], { nextCursor: string | null }>("/api/v1/admin/companies", {
        signal,
        query: { q: q || null, tier, status, cursor: url.cursor, limit: PAGE_SIZE },
      }),
    placeholderData: keepPreviousData,
  });
  const ready = list.isSuccess && !list.isPlaceholderData;

  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600">
        Every company on the platform, newest first, with last hour&apos;s requests and the ones the gateway refused (429).
      </p>
      <Card padded>
        <div className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_auto_auto_auto] sm:items-center">
          <SearchBox value={q} onSearch={url.search} label="Search companies" placeholder="A name, a slug or a company id" />
          <Select<Tier | "">
            label="Tier"
            options={TIER_OPTIONS}
            value={tier ?? ""}
            onValueChange={(v) => url.filter({ tier: v || null })}
            data-testid="filter-tier"
          />
          <Select<CompanyStatus | "">
            label="Status"
            options={STATUS_OPTIONS}
            value={status ?? ""}
            onValueChange={(v) => url.filter({ status: v || null })}
            data-testid="filter-status"
          />
          <Button onClick={url.clear} disabled={!url.filtered}>
            Clear filters
          </Button>
        </div>
      </Card>
      <Card
        padded={false}
        aria-label="Companies"
        data-testid="companies-list"
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
                subject="The company list"
                onRetry={() => void list.refetch()}
                hasData={list.data !== undefined}
              />
            )}
          </div>
        ) : null}
        {list.data ? (
          <div className={ready ? undefined : "opacity-60 transition-opacity"}>
            <CompaniesTable
              companies={list.data.data}
              empty={
                <div className="p-4" data-testid="companies-empty">
                  {url.filtered ? (
                    <EmptyState
                      title="No company matches"
                      description="Try another spelling, or widen the tier and status filters."
                      action={<Button onClick={url.clear}>Clear filters</Button>}
                    />
                  ) : (
                    <EmptyState title="No companies yet" description="Companies appear here as soon as someone signs up." />
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
          <LoadingSkeleton label="Loading companies…" count={8} className="p-4" />
        ) : null}
      </Card>
    </div>
  );
}
