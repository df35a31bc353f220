import type { ReactNode } from "react";
import { cn } from "./cn";

export interface Column<T> {
  /** Unique per table. */
  key: string;
  header: ReactNode;
  /** The cell; `row => row.name`. */
  cell: (row: T) => ReactNode;
  align?: "left" | "right";
  /** Stacked (phone) view: hide this column's label, e.g. for the primary column. */
  hideLabelWhenStacked?: boolean;
  className?: string;
}

export interface TableProps<T> {
  /** Names the table for screen readers (a visually hidden caption). */
  caption: string;
  columns: ReadonlyArray<Column<T>>;
  rows: readonly T[];
  rowKey: (row: T) => string;
  /** Shown instead of the body when `rows` is empty (e.g. an EmptyState). */
  empty?: ReactNode;
  className?: string;
  /** A data-testid per row, for tests. */
  rowTestId?: (row: T) => string;
}

/**
 * A data table. Below the `sm` breakpoint each row stacks into a small card with "label: value"
 * lines, so nothing scrolls sideways at 360 px; the markup stays a real <table> for screen readers.
 */
export function Table<T>({ caption, columns, rows, rowKey, empty, className, rowTestId }: TableProps<T>) {
  if (rows.length === 0 && empty) return <>{empty}</>;
  return (
    <table className={cn("w-full text-sm", className)}>
      <caption className="sr-only">{caption}</caption>
      <thead className="hidden sm:table-header-group">
        <tr className="border-b border-slate-200 text-xs text-slate-500">
          {columns.map((c) => (
            <th key={c.key} scope="col" className={cn("px-4 py-2 font-medium", c.align === "right" ? "text-right" : "text-left")}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="block sm:table-row-group">
        {rows.map((row) => (
          <tr
            key={rowKey(row)}
            data-testid={rowTestId?.(row)}
            className="block border-b border-slate-100 px-4 py-2 last:border-b-0 sm:table-row sm:px-0 sm:py-0"
          >
            {columns.map((c) => (
              <td
                key={c.key}
                className={cn(
                  "flex items-baseline justify-between gap-3 py-0.5 sm:table-cell sm:px-4 sm:py-2",
                  c.align === "right" && "sm:text-right",
                  c.className,
                )}
              >
                {c.hideLabelWhenStacked ? null : (
                  <span className="shrink-0 text-xs text-slate-500 sm:hidden" aria-hidden>
                    {c.header}
                  </span>
                )}
                <span className={cn("min-w-0 break-words", c.hideLabelWhenStacked ? "font-medium sm:font-normal" : "text-right")}>
                  {c.cell(row)}
                </span>
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
