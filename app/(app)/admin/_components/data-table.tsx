"use client";

import type { ReactTable, RowData, TableFeatures } from "@tanstack/react-table";
import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";

export interface DataTableProps<TF extends TableFeatures, T extends RowData> {
  table: ReactTable<TF, T>;
  /** Names the table for screen readers (a visually hidden caption). */
  caption: string;
  /** The column that heads each stacked card on phones (shown without its label). */
  primary: string;
  /** Columns aligned right on wide screens (numbers). */
  right?: ReadonlySet<string>;
  empty?: ReactNode;
  rowTestId?: string;
}

/**
 * A @tanstack/react-table table drawn like the kit's Table: a real <table> on wide screens, each row
 * stacked into a small "label: value" card below `sm`, so nothing scrolls sideways at 360 px.
 */
export function DataTable<TF extends TableFeatures, T extends RowData>({
  table,
  caption,
  primary,
  right,
  empty,
  rowTestId,
}: DataTableProps<TF, T>) {
  const rows = table.getRowModel().rows;
  if (rows.length === 0 && empty) return <>{empty}</>;
  return (
    <table className="w-full text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead className="hidden sm:table-header-group">
        {table.getHeaderGroups().map((group) => (
          <tr key={group.id} className="border-b border-slate-200 text-xs text-slate-500">
            {group.headers.map((h) => (
              <th key={h.id} scope="col" className={cn("px-4 py-2 font-medium", right?.has(h.column.id) ? "text-right" : "text-left")}>
                {h.isPlaceholder ? null : <table.FlexRender header={h} />}
              </th>
            ))}
          </tr>
        ))}
      </thead>
      <tbody className="block sm:table-row-group">
        {rows.map((row) => (
          <tr
            key={row.id}
            data-testid={rowTestId}
            className="block border-b border-slate-100 px-4 py-2 last:border-b-0 sm:table-row sm:px-0 sm:py-0"
          >
            {row.getAllCells().map((cell) => {
              const id = cell.column.id;
              const header = cell.column.columnDef.header;
              return (
                <td
                  key={cell.id}
                  className={cn(
                    "flex items-baseline justify-between gap-3 py-0.5 sm:table-cell sm:px-4 sm:py-2",
                    right?.has(id) && "sm:text-right",
                  )}
                >
                  {id === primary ? null : (
                    <span className="shrink-0 text-xs text-slate-500 sm:hidden" aria-hidden>
                      {typeof header === "string" ? header : id}
                    </span>
                  )}
                  <span className={cn("min-w-0 break-words", id === primary ? "font-medium sm:font-normal" : "text-right")}>
                    <table.FlexRender cell={cell} />
                  </span>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
