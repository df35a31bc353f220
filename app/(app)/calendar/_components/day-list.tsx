"use client";

import { EmptyState } from "@/components/ui/empty-state";
import { StatusBadge } from "@/components/ui/status-badge";
import type { CalendarItem } from "@/lib/services/appointments/schemas";
import { formatDay, formatLongDay, localDateOf } from "./calendar-dates";

/**
 * Bookings grouped by local day, as a list: the phone layout, and the day view. With `totals` (the
 * month summary: `items` are each day's first few) a day holding more ends in "+n more", which opens it.
 */
export function DayList({
  days,
  items,
  timeZone,
  time,
  onOpen,
  totals,
  onOpenDay,
}: {
  days: string[];
  items: CalendarItem[];
  timeZone: string;
  time: Intl.DateTimeFormat;
  onOpen: (id: string) => void;
  totals?: Map<string, number>;
  onOpenDay?: (date: string) => void;
}) {
  const withItems = days
    .map((d) => ({ day: d, list: items.filter((i) => localDateOf(i.startAt, timeZone) === d), total: totals?.get(d) }))
    .filter((g) => g.list.length > 0 || (g.total ?? 0) > 0 || days.length === 1);
  if (withItems.every((g) => g.list.length === 0 && !g.total)) {
    return <EmptyState compact title="No bookings" description="Nothing is booked for these days with this filter." />;
  }
  return (
    <div className="space-y-4" data-testid="day-list">
      {withItems.map(({ day, list, total }) => (
        <section key={day} aria-label={formatLongDay(day)}>
          <h3 className="mb-1 text-sm font-semibold text-slate-800">{formatLongDay(day)}</h3>
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
            {list.map((item) => (
              <li key={item.id}>
                <button
                  type="button"
                  onClick={() => onOpen(item.id)}
                  data-testid="booking"
                  data-status={item.status}
                  data-start={item.startAt}
                  className="flex w-full items-center gap-3 px-3 py-2.5 text-left hover:bg-slate-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-brand-600"
                >
                  <span className="w-20 shrink-0 text-sm font-medium text-slate-900 tabular-nums">
                    {time.format(new Date(item.startAt))}
                  </span>
                  <span className="min-w-0 flex-1">
                    <span className="block truncate text-sm text-slate-900">{item.customer?.name ?? item.title}</span>
                    <span className="block truncate text-xs text-slate-500">{item.title}</span>
                  </span>
                  <StatusBadge status={item.status} />
                </button>
              </li>
            ))}
          </ul>
          {total !== undefined && total > list.length && onOpenDay ? (
            <button
              type="button"
              onClick={() => onOpenDay(day)}
              data-testid="day-more"
              aria-label={`+${total - list.length} more on ${formatDay(day)}`}
              className="mt-1 text-sm font-medium text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600"
            >
              +{total - list.length} more
            </button>
          ) : null}
        </section>
      ))}
    </div>
  );
}
