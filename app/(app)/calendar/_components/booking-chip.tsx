"use client";

import { cn } from "@/components/ui/cn";
import { statusLabel } from "@/components/ui/status-badge";
import type { CalendarItem } from "@/lib/services/appointments/schemas";

const TONE: Record<string, string> = {
  scheduled: "border-amber-300 bg-amber-50 text-amber-950",
  confirmed: "border-brand-300 bg-brand-50 text-brand-900",
  completed: "border-emerald-300 bg-emerald-50 text-emerald-950",
  no_show: "border-red-300 bg-red-50 text-red-900",
  cancelled: "border-slate-300 bg-slate-100 text-slate-600 line-through",
};

/** One booking as a button: time, customer, and its status in words (screen readers hear all three). */
export function BookingChip({
  item,
  time,
  onOpen,
  className,
  style,
  compact = false,
}: {
  item: CalendarItem;
  time: string;
  onOpen: (id: string) => void;
  className?: string;
  style?: React.CSSProperties;
  compact?: boolean;
}) {
  const who = item.customer?.name ?? item.title;
  return (
    <button
      type="button"
      onClick={() => onOpen(item.id)}
      style={style}
      data-testid="booking"
      data-status={item.status}
      data-start={item.startAt}
      aria-label={`${time}, ${who}, ${statusLabel(item.status)}`}
      className={cn(
        "block w-full min-w-0 overflow-hidden rounded-md border px-1.5 py-0.5 text-left text-xs leading-tight focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-brand-600",
        TONE[item.status] ?? TONE.scheduled,
        compact && "truncate whitespace-nowrap",
        className,
      )}
    >
      <span className="font-semibold">{time}</span> <span className="truncate">{who}</span>
      {compact ? null : <span className="block truncate opacity-80">{statusLabel(item.status)}</span>}
    </button>
  );
}
