import type { HTMLAttributes } from "react";
import { cn } from "./cn";

export type BadgeTone = "neutral" | "success" | "warning" | "danger" | "info";

const TONES: Record<BadgeTone, { box: string; dot: string }> = {
  neutral: { box: "bg-slate-100 text-slate-700 ring-slate-500/20", dot: "bg-slate-400" },
  success: { box: "bg-emerald-50 text-emerald-800 ring-emerald-600/20", dot: "bg-emerald-500" },
  warning: { box: "bg-amber-50 text-amber-800 ring-amber-600/25", dot: "bg-amber-500" },
  danger: { box: "bg-red-50 text-red-700 ring-red-600/20", dot: "bg-red-500" },
  info: { box: "bg-brand-50 text-brand-700 ring-brand-600/20", dot: "bg-brand-500" },
};

export interface BadgeProps extends HTMLAttributes<HTMLSpanElement> {
  /** Colour by meaning: success green, warning amber, danger red, info blue, neutral grey. */
  tone?: BadgeTone;
  /** A leading dot (status lights). The text must still say the status: colour alone is not enough. */
  dot?: boolean;
}

/** A small status label. */
export function Badge({ tone = "neutral", dot = false, className, children, ...rest }: BadgeProps) {
  const t = TONES[tone];
  return (
    <span
      className={cn(
        "inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset",
        t.box,
        className,
      )}
      {...rest}
    >
      {dot ? <span className={cn("h-1.5 w-1.5 rounded-full", t.dot)} aria-hidden /> : null}
      {children}
    </span>
  );
}

/** The tone for the statuses the product uses (ok/healthy/closed → green, half_open/degraded → amber, …). */
export function statusTone(status: string | boolean | null | undefined): BadgeTone {
  if (status === true) return "success";
  if (status === false) return "danger";
  switch (status) {
    case "ok":
    case "healthy":
    case "closed":
    case "active":
    case "live":
    case "completed":
    case "confirmed":
    case "answered":
      return "success";
    case "half_open":
    case "degraded":
    case "reconnecting":
    case "pending":
    case "scheduled":
    case "no_answer":
      return "warning";
    case "open":
    case "unhealthy":
    case "down":
    case "failed":
    case "suspended":
    case "cancelled":
    case "no-show":
      return "danger";
    default:
      return "neutral";
  }
}
