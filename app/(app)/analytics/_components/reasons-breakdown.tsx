import { formatNumber, formatPercent } from "@/components/charts/format";
import { EmptyState } from "@/components/ui/empty-state";
import type { AnalyticsKpis } from "@/lib/services/analytics/schemas";
import { reasonLabel } from "./labels";

/**
 * Calls by why they ended, most first: a table whose bars are drawn in CSS, so the numbers are the
 * text and there is nothing extra to describe for screen readers.
 */
export function ReasonsBreakdown({ reasons }: { reasons: AnalyticsKpis["disconnectionReasons"] }) {
  const rows = reasons.filter((r) => r.current > 0);
  const total = rows.reduce((n, r) => n + r.current, 0);
  if (total === 0) return <EmptyState compact title="No calls in this period" description="Pick a longer period to see why calls ended." />;
  return (
    <table className="w-full text-sm" data-testid="reasons-table">
      <caption className="sr-only">Calls by disconnection reason</caption>
      <thead className="text-left text-xs text-slate-500">
        <tr>
          <th scope="col" className="pb-2 font-medium">
            Reason
          </th>
          <th scope="col" className="pb-2 text-right font-medium">
            Calls
          </th>
          <th scope="col" className="pb-2 text-right font-medium">
            Share
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((r) => (
          <tr key={r.reason} data-testid="reason-row" data-reason={r.reason} data-value={r.current}>
            <th scope="row" className="py-2 pr-3 text-left font-normal text-slate-800">
              {reasonLabel(r.reason)}
              <div className="mt-1 h-1.5 rounded-full bg-slate-100" aria-hidden>
                <div className="h-full rounded-full bg-brand-600" style={{ width: `${Math.max((r.current / total) * 100, 1)}%` }} />
              </div>
            </th>
            <td className="py-2 text-right tabular-nums">{formatNumber(r.current)}</td>
            <td className="py-2 pl-3 text-right text-slate-600 tabular-nums">{formatPercent(r.current / total)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
