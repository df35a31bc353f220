"use client";

import { cn } from "@/components/ui/cn";
import type { CalendarDay } from "@/lib/services/appointments/schemas";
import { BookingChip } from "./booking-chip";
import { formatDay, weekdayKey } from "./calendar-dates";
import type { CalendarMeta } from "./use-appointments";

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/**
 * Full weeks of the month; closed days shaded; each day's first bookings (the summary's `first`),
 * then "+n more" (its count) opens the day.
 */
export function MonthGrid({
  days,
  month,
  summary,
  meta,
  today,
  time,
  onOpen,
  onOpenDay,
}: {
  days: string[];
  month: string;
  summary: CalendarDay[];
  meta: CalendarMeta | undefined;
  today: string;
  time: Intl.DateTimeFormat;
  onOpen: (id: string) => void;
  onOpenDay: (date: string) => void;
}) {
  const byDay = new Map(summary.map((d) => [d.date, d]));
  return (
    <div className="overflow-x-auto" data-testid="month-grid">
      <div className="grid min-w-[720px] grid-cols-7">
        {WEEKDAYS.map((w) => (
          <div key={w} className="border-b border-slate-200 px-2 py-2 text-xs font-medium text-slate-600">
            {w}
          </div>
        ))}
        {days.map((d) => {
          const list = byDay.get(d)?.first ?? [];
          const total = byDay.get(d)?.total ?? 0;
          const closed = (meta?.businessHours[weekdayKey(d)] ?? []).length === 0;
          return (
            <section
              key={d}
              aria-label={formatDay(d)}
              data-date={d}
              className={cn("min-h-28 border-b border-l border-slate-200 p-1", closed ? "bg-slate-100" : "bg-white")}
            >
              <button
                type="button"
                onClick={() => onOpenDay(d)}
                className={cn(
                  "mb-1 rounded px-1 text-xs font-medium hover:bg-slate-200 focus-visible:outline-2 focus-visible:outline-brand-600",
                  d === today
                    ? "bg-brand-600 text-white hover:bg-brand-700"
                    : d.slice(0, 7) !== month.slice(0, 7)
                      ? "text-slate-500"
                      : "text-slate-900",
                )}
                aria-label={`Open ${formatDay(d)}${d === today ? " (today)" : ""}`}
              >
                {Number(d.slice(8))}
              </button>
              <ul className="space-y-0.5">
                {list.map((item) => (
                  <li key={item.id}>
                    <BookingChip item={item} time={time.format(new Date(item.startAt))} onOpen={onOpen} compact />
                  </li>
                ))}
              </ul>
              {total > list.length ? (
                <button
                  type="button"
                  onClick={() => onOpenDay(d)}
                  data-testid="day-more"
                  aria-label={`+${total - list.length} more on ${formatDay(d)}`}
                  className="mt-0.5 text-xs font-medium text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600"
                >
                  +{total - list.length} more
                </button>
              ) : null}
            </section>
          );
        })}
      </div>
    </div>
  );
}
