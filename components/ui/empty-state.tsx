import type { ReactNode } from "react";
import { cn } from "./cn";

export interface EmptyStateProps {
  title: string;
  /** What will make something appear here. */
  description?: ReactNode;
  /** A button or link ("Create an API key"). */
  action?: ReactNode;
  /** Less padding, for use inside a Card next to other content. */
  compact?: boolean;
  className?: string;
  "data-testid"?: string;
}

/** Nothing to show yet — said plainly, with what to do about it. */
export function EmptyState({ title, description, action, compact = false, className, ...rest }: EmptyStateProps) {
  return (
    <div
      className={cn(
        "flex flex-col items-center justify-center rounded-lg border border-dashed border-slate-300 text-center",
        compact ? "px-4 py-6" : "px-6 py-12",
        className,
      )}
      {...rest}
    >
      <svg viewBox="0 0 24 24" className="mb-2 h-6 w-6 text-slate-400" fill="none" stroke="currentColor" strokeWidth={1.5} aria-hidden>
        <path d="M3 12h4l3 8 4-16 3 8h4" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      <p className="text-sm font-medium text-slate-800">{title}</p>
      {description ? <p className="mt-1 max-w-sm text-sm text-slate-500">{description}</p> : null}
      {action ? <div className="mt-4">{action}</div> : null}
    </div>
  );
}
