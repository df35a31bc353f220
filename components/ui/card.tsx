import { useId, type HTMLAttributes, type ReactNode } from "react";
import { cn } from "./cn";

export interface CardProps extends Omit<HTMLAttributes<HTMLElement>, "title"> {
  /** Heading of the card (an h2); also names the region for screen readers. */
  title?: ReactNode;
  /** One line under the title. */
  description?: ReactNode;
  /** Right-aligned controls in the header (buttons, a Select, a Badge). */
  actions?: ReactNode;
  /** Heading level of `title` (default 2). */
  level?: 2 | 3;
  /** Body padding; false for edge-to-edge content such as a Table. Default true. */
  padded?: boolean;
}

/** A white panel with an optional header. With a title it is a labelled `<section>`. */
export function Card({ title, description, actions, level = 2, padded = true, className, children, ...rest }: CardProps) {
  const headingId = useId();
  const Heading = level === 2 ? "h2" : "h3";
  return (
    <section
      aria-labelledby={title ? headingId : undefined}
      className={cn("min-w-0 rounded-xl border border-slate-200 bg-white shadow-sm", className)}
      {...rest}
    >
      {title || actions ? (
        <header className="flex flex-wrap items-start justify-between gap-2 border-b border-slate-100 px-4 py-3">
          <div className="min-w-0">
            {title ? (
              <Heading id={headingId} className="text-sm font-semibold text-slate-900">
                {title}
              </Heading>
            ) : null}
            {description ? <p className="mt-0.5 text-xs text-slate-500">{description}</p> : null}
          </div>
          {actions ? <div className="flex shrink-0 items-center gap-2">{actions}</div> : null}
        </header>
      ) : null}
      <div className={cn(padded && "p-4")}>{children}</div>
    </section>
  );
}
