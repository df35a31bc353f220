"use client";

import { createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import Link from "next/link";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { StatusBadge } from "@/components/ui/status-badge";
import type { AdminCompany } from "@/lib/services/admin/schemas";
import { formatCount } from "./admin-labels";
import { DataTable } from "./data-table";

const features = tableFeatures({});
const col = createColumnHelper<typeof features, AdminCompany>();

const overrideCount = (c: AdminCompany) => Object.values(c.limitOverrides ?? {}).reduce((n, layer) => n + Object.keys(layer).length, 0);

const COLUMNS = col.columns([
  col.accessor("name", {
    header: "Company",
    cell: (info) => {
      const c = info.row.original;
      return (
        <span className="flex flex-col">
          <Link
            href={`/admin/companies/${c.id}`}
            className="font-medium text-slate-900 hover:text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600"
            data-testid="company-link"
          >
            {c.name}
          </Link>
          <span className="text-xs font-normal text-slate-500">{c.slug}</span>
        </span>
      );
    },
  }),
  col.accessor("tier", { header: "Tier", cell: (info) => <Badge tone="info">{info.getValue()}</Badge> }),
  col.accessor("status", { header: "Status", cell: (info) => <StatusBadge status={info.getValue()} /> }),
  col.display({
    id: "overrides",
    header: "Overrides",
    cell: (info) => {
      const n = overrideCount(info.row.original);
      return n ? <Badge tone="warning">{n === 1 ? "1 limit" : `${n} limits`}</Badge> : <span className="text-slate-500">—</span>;
    },
  }),
  col.accessor("memberCount", { header: "Members", cell: (info) => formatCount(info.getValue()) }),
  col.accessor("activeApiKeyCount", { header: "Keys", cell: (info) => formatCount(info.getValue()) }),
  col.display({
    id: "requests",
    header: "Requests (1 h)",
    cell: (info) => (info.row.original.lastHour ? formatCount(info.row.original.lastHour.requests) : "n/a"),
  }),
  col.display({
    id: "limited",
    header: "429s (1 h)",
    cell: (info) => {
      const h = info.row.original.lastHour;
      if (!h) return "n/a";
      return h.limited ? <span className="font-medium text-red-700">{formatCount(h.limited)}</span> : "0";
    },
  }),
]);

const RIGHT = new Set(["memberCount", "activeApiKeyCount", "requests", "limited"]);

/** Every company on a page of the list: tier, status, overrides, counts and last hour's traffic. */
export function CompaniesTable({ companies, empty }: { companies: AdminCompany[]; empty: ReactNode }) {
  const table = useTable({ features, columns: COLUMNS, data: companies, getRowId: (c) => c.id });
  return <DataTable table={table} caption="Companies" primary="name" right={RIGHT} empty={empty} rowTestId="company-row" />;
}
