import { cn } from "./cn";

/** A grey pulsing block standing in for content. Decorative: pair with LoadingSkeleton's status text. */
export function Skeleton({ className }: { className?: string }) {
  return <div className={cn("animate-pulse rounded-md bg-slate-200/70", className)} aria-hidden />;
}

export interface LoadingSkeletonProps {
  /** What is loading, read by screen readers ("Loading gateway health…"). */
  label?: string;
  /** "cards": a row of KPI cards; "chart": a chart area; "rows": table rows (default). */
  shape?: "cards" | "chart" | "rows";
  /** Cards or rows to draw (default 4). */
  count?: number;
  className?: string;
}

/** Placeholder shapes while data loads, announced once as a polite status. */
export function LoadingSkeleton({ label = "Loading…", shape = "rows", count = 4, className }: LoadingSkeletonProps) {
  const items = Array.from({ length: count }, (_, i) => i);
  return (
    <div role="status" aria-live="polite" className={className}>
      <span className="sr-only">{label}</span>
      {shape === "cards" ? (
        <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
          {items.map((i) => (
            <div key={i} className="rounded-xl border border-slate-200 bg-white p-4">
              <Skeleton className="h-3 w-20" />
              <Skeleton className="mt-3 h-7 w-16" />
            </div>
          ))}
        </div>
      ) : shape === "chart" ? (
        <div className="rounded-xl border border-slate-200 bg-white p-4">
          <Skeleton className="h-3 w-32" />
          <Skeleton className="mt-4 h-48 w-full" />
        </div>
      ) : (
        <div className="space-y-2">
          {items.map((i) => (
            <Skeleton key={i} className="h-9 w-full" />
          ))}
        </div>
      )}
    </div>
  );
}
