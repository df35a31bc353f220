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
import { LoadingSkeleton } from "@/components/ui/skeleton";
import type { CustomerView } from "@/lib/services/customers/schemas";
import { CustomersTable } from "./customers-table";
import { NewCustomerDialog } from "./new-customer-dialog";
import { useCustomersUrl } from "./use-customers-url";

const PAGE_SIZE = 25;

const isBadCursor = (error: unknown) =>
  isApiClientError(error) && error.status === 400 && Array.isArray(error.details) && error.details.some((d) => d.field === "cursor");

/** /customers: a search box, the table, Previous/Next; everything in the URL. */
export function CustomersView({ canWrite }: { canWrite: boolean }) {
  const url = useCustomersUrl();
  const list = useQuery({
    queryKey: ["customers", "list", url.q, url.cursor] as const,
    queryFn: ({ signal }) =>
      apiFetchEnvelope<CustomerView[], { nextCursor: string | null }>("/api/v1/customers", {
        signal,
        query: { q: url.q || null, cursor: url.cursor, limit: PAGE_SIZE },
      }),
    placeholderData: keepPreviousData,
  });
  const ready = list.isSuccess && !list.isPlaceholderData;

  return (
    <div className="mx-auto max-w-7xl space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight">Customers</h1>
          <p className="mt-1 text-sm text-slate-600">Everyone who has called or booked, by name.</p>
        </div>
        {canWrite ? <NewCustomerDialog /> : null}
      </div>
      <Card padded>
        <SearchBox
          value={url.q}
          onSearch={url.search}
          label="Search customers"
          placeholder="A name, an email or a phone number, typed any way"
        />
      </Card>
      <Card
        padded={false}
        aria-label="Customers"
        data-testid="customers-list"
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
                subject="The customer list"
                onRetry={() => void list.refetch()}
                hasData={list.data !== undefined}
              />
            )}
          </div>
        ) : null}
        {list.data ? (
          <div className={ready ? undefined : "opacity-60 transition-opacity"}>
            <CustomersTable
              customers={list.data.data}
              empty={
                <div className="p-4" data-testid="customers-empty">
                  {url.q ? (
                    <EmptyState
                      title="No customer matches"
                      description="Check the spelling, or search by phone number or email instead."
                      action={<Button onClick={() => url.search("")}>Clear search</Button>}
                    />
                  ) : (
                    <EmptyState title="No customers yet" description="Callers and people who book appear here on their own." />
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
          <LoadingSkeleton label="Loading customers…" count={10} className="p-4" />
        ) : null}
      </Card>
    </div>
  );
}
