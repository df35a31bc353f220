"use client";

import { createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import Link from "next/link";
import type { ReactNode } from "react";
import type { AdminAuditEntry } from "@/lib/services/admin/schemas";
import { DataTable } from "./data-table";
import { describeChange } from "./describe-change";

const features = tableFeatures({});
const col = createColumnHelper<typeof features, AdminAuditEntry>();
const when = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

const COLUMNS = col.columns([
  col.accessor("createdAt", {
    header: "When (UTC)",
    cell: (info) => (
      <time dateTime={info.getValue()} className="whitespace-nowrap">
        {when.format(new Date(info.getValue()))}
      </time>
    ),
  }),
  col.accessor("action", { header: "Action", cell: (info) => <code className="text-xs text-slate-800">{info.getValue()}</code> }),
  col.accessor("companyId", {
    header: "Company",
    cell: (info) => {
      const id = info.getValue();
      return id ? (
        <Link
          href={`/admin/companies/${id}`}
          className="font-mono text-xs break-all text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600"
        >
          {id}
        </Link>
      ) : (
        "—"
      );
    },
  }),
  col.display({
    id: "actor",
    header: "By",
    cell: (info) => {
      const e = info.row.original;
      return <span className="break-all">{e.actorEmail ?? e.actorApiKeyId ?? e.actorUserId ?? "system"}</span>;
    },
  }),
  col.display({
    id: "change",
    header: "Change",
    cell: (info) => <span data-testid="audit-change">{describeChange(info.row.original)}</span>,
  }),
]);

const WITHOUT_COMPANY = COLUMNS.filter((c) => c.id !== "companyId" && (c as { accessorKey?: string }).accessorKey !== "companyId");

/** Audit rows, newest first: when, what, which company, who and what changed (before → after). */
export function AuditTable({
  entries,
  empty,
  showCompany = true,
}: {
  entries: AdminAuditEntry[];
  empty: ReactNode;
  showCompany?: boolean;
}) {
  const table = useTable({ features, columns: showCompany ? COLUMNS : WITHOUT_COMPANY, data: entries, getRowId: (e) => e.id });
  return <DataTable table={table} caption="Audit log" primary="createdAt" empty={empty} rowTestId="audit-row" />;
}
