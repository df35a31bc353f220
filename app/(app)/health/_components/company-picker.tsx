"use client";

import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/components/data/api-fetch";
import { Select } from "@/components/ui/select";
import type { AdminCompany } from "@/lib/services/admin/schemas";

const PLATFORM = "__platform";

/** The first 100 companies (platform admins); shared by the picker and the page header. */
export const companiesQuery = (enabled: boolean) =>
  queryOptions({
    queryKey: ["admin", "companies", { limit: 100 }],
    queryFn: ({ signal }) => apiFetch<AdminCompany[]>("/api/v1/admin/companies", { query: { limit: 100 }, signal }),
    staleTime: 5 * 60_000,
    enabled,
  });

/** Platform admins: the whole platform, or one company's view (`?companyId=`). */
export function CompanyPicker({ value, onChange }: { value: string | null; onChange: (companyId: string | null) => void }) {
  const companies = useQuery(companiesQuery(true));
  const list = companies.data ?? [];
  const options = [
    { value: PLATFORM, label: "Whole platform" },
    ...list.map((c) => ({ value: c.id, label: `${c.name} · ${c.tier}` })),
    // A company from the URL that is not in the first page still shows as selected.
    ...(value && !list.some((c) => c.id === value) ? [{ value, label: value }] : []),
  ];
  return (
    <div className="w-full sm:w-72">
      <Select
        label="Scope"
        options={options}
        value={value ?? PLATFORM}
        onValueChange={(v) => onChange(v === PLATFORM ? null : v)}
        data-testid="scope-picker"
      />
      {companies.isError ? (
        <p className="mt-1 text-xs text-amber-700">Couldn&apos;t load the company list; the platform view still works.</p>
      ) : null}
    </div>
  );
}
