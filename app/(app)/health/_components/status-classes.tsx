import { formatNumber } from "@/components/charts/format";
import { cn } from "@/components/ui/cn";

const CLASSES = [
  { key: "2xx", label: "2xx success", bar: "bg-emerald-500" },
  { key: "3xx", label: "3xx redirect", bar: "bg-slate-400" },
  { key: "4xx", label: "4xx client error", bar: "bg-amber-500" },
  { key: "5xx", label: "5xx server error", bar: "bg-red-500" },
] as const;

/** Responses by status class as one proportional bar plus exact counts (the numbers are the accessible part). */
export function StatusClasses({ counts }: { counts: Record<string, number> }) {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return (
    <div>
      <div className="flex h-3 overflow-hidden rounded-full bg-slate-100" aria-hidden>
        {total > 0
          ? CLASSES.map((c) => <div key={c.key} className={c.bar} style={{ width: `${((counts[c.key] ?? 0) / total) * 100}%` }} />)
          : null}
      </div>
      <dl className="mt-3 space-y-1.5 text-sm">
        {CLASSES.map((c) => {
          const n = counts[c.key] ?? 0;
          return (
            <div key={c.key} className="flex items-center justify-between gap-2" data-testid={`status-${c.key}`}>
              <dt className="flex min-w-0 items-center gap-1.5 text-slate-600">
                <span className={cn("h-2 w-2 shrink-0 rounded-full", c.bar)} aria-hidden />
                <span className="truncate">{c.label}</span>
              </dt>
              <dd className="font-medium tabular-nums">
                {formatNumber(n)}
                {total > 0 ? <span className="ml-1 text-xs font-normal text-slate-500">{Math.round((n / total) * 100)}%</span> : null}
              </dd>
            </div>
          );
        })}
      </dl>
    </div>
  );
}
