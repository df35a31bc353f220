import { useId, type ReactNode } from "react";
import { cn } from "@/components/ui/cn";

export interface ChartFrameProps {
  /** The chart's accessible name; shown above it when `showTitle`. */
  title: string;
  /** A sentence a screen reader gets instead of the picture ("Now 3.2 requests per second, peak 9"). */
  summary?: string;
  showTitle?: boolean;
  height: number;
  /** Shown instead of the chart (e.g. an EmptyState) when there is nothing to draw. */
  empty?: ReactNode;
  className?: string;
  children: ReactNode;
  "data-testid"?: string;
}

/** A <figure> around a chart: accessible name and text summary, fixed height, empty state. */
export function ChartFrame({ title, summary, showTitle = false, height, empty, className, children, ...rest }: ChartFrameProps) {
  const captionId = useId();
  return (
    <figure
      role="figure"
      aria-label={title}
      aria-describedby={summary ? captionId : undefined}
      className={cn("min-w-0", className)}
      {...rest}
    >
      {showTitle ? <p className="mb-2 text-xs font-medium text-slate-500">{title}</p> : null}
      {summary ? (
        <figcaption id={captionId} className="sr-only">
          {summary}
        </figcaption>
      ) : null}
      {empty ?? <div style={{ height }}>{children}</div>}
    </figure>
  );
}
