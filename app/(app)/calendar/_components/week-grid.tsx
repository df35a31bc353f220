"use client";

import { cn } from "@/components/ui/cn";
import type { CalendarItem } from "@/lib/services/appointments/schemas";
import { BookingChip } from "./booking-chip";
import { formatDay, hhmmToMinutes, localDateOf, localMinutes, weekdayKey } from "./calendar-dates";
import type { CalendarMeta } from "./use-appointments";

const START_HOUR = 7;
const END_HOUR = 20;
const HOUR_PX = 48;

/** The open intervals of a day in minutes, from the company's business hours. */
function openIntervals(hours: CalendarMeta["businessHours"], date: string): Array<[number, number]> {
  return (hours[weekdayKey(date)] ?? []).map((i) => [hhmmToMinutes(i.open), hhmmToMinutes(i.close)]);
}

/**
 * Days side by side, 7:00–20:00, business hours white and the rest shaded; each booking placed at
 * its local start with a height for its length. Bookings outside the hours shown sit at the edge.
 */
export function WeekGrid({
  days,
  items,
  meta,
  timeZone,
  today,
  time,
  onOpen,
}: {
  days: string[];
  items: CalendarItem[];
  meta: CalendarMeta | undefined;
  timeZone: string;
  today: string;
  time: Intl.DateTimeFormat;
  onOpen: (id: string) => void;
}) {
  const hours = Array.from({ length: END_HOUR - START_HOUR }, (_, i) => START_HOUR + i);
  const height = (END_HOUR - START_HOUR) * HOUR_PX;
  const toPx = (min: number) => Math.min(Math.max(((min - START_HOUR * 60) / 60) * HOUR_PX, 0), height - 20);
  return (
    <div className="overflow-x-auto" data-testid="week-grid">
      <div className="grid min-w-[720px]" style={{ gridTemplateColumns: `3.5rem repeat(${days.length}, minmax(0, 1fr))` }}>
        <div />
        {days.map((d) => (
          <div
            key={d}
            className={cn(
              "border-b border-slate-200 px-2 py-2 text-center text-xs font-medium",
              d === today ? "text-brand-700" : "text-slate-600",
            )}
          >
            {formatDay(d)}
            {d === today ? <span className="sr-only"> (today)</span> : null}
          </div>
        ))}
        <div className="relative" style={{ height }}>
          {hours.map((h) => (
            <div
              key={h}
              className="absolute right-1 -translate-y-1/2 text-[11px] text-slate-500"
              style={{ top: (h - START_HOUR) * HOUR_PX }}
            >
              {h === START_HOUR ? "" : `${h % 12 === 0 ? 12 : h % 12} ${h < 12 ? "AM" : "PM"}`}
            </div>
          ))}
        </div>
        {days.map((d) => {
          const dayItems = items.filter((i) => localDateOf(i.startAt, timeZone) === d);
          return (
            <section key={d} aria-label={formatDay(d)} className="relative border-l border-slate-200 bg-slate-100" style={{ height }}>
              {openIntervals(meta?.businessHours ?? {}, d).map(([open, close]) => (
                <div
                  key={open}
                  aria-hidden
                  data-testid="business-hours"
                  className="absolute inset-x-0 bg-white"
                  style={{ top: toPx(open), height: Math.max(toPx(close) - toPx(open), 0) }}
                />
              ))}
              {hours.map((h) => (
                <div
                  key={h}
                  aria-hidden
                  className="absolute inset-x-0 border-t border-slate-200/70"
                  style={{ top: (h - START_HOUR) * HOUR_PX }}
                />
              ))}
              <ul className="contents">
                {dayItems.map((item) => {
                  const start = localMinutes(item.startAt, timeZone);
                  const length = Math.max((Date.parse(item.endAt) - Date.parse(item.startAt)) / 60_000, 20);
                  return (
                    <li
                      key={item.id}
                      className="absolute inset-x-1"
                      style={{ top: toPx(start), height: Math.max((length / 60) * HOUR_PX - 2, 20) }}
                    >
                      <BookingChip
                        item={item}
                        time={time.format(new Date(item.startAt))}
                        onOpen={onOpen}
                        className="h-full"
                        compact={length < 45}
                      />
                    </li>
                  );
                })}
              </ul>
            </section>
          );
        })}
      </div>
    </div>
  );
}
