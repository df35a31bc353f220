"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { ErrorState } from "@/components/ui/error-state";
import { LoadingSkeleton } from "@/components/ui/skeleton";
import { addDays } from "@/lib/time/add-days";
import { formatDay, localDateOf, todayIn } from "./calendar-dates";
import { useSlots } from "./use-appointments";

const DAYS = 7;

/** Free slots from Cal.com, a week at a time, grouped by day; one is chosen (a radio group of buttons). */
export function SlotPicker({
  timeZone,
  from: initialFrom,
  value,
  onChange,
}: {
  timeZone: string;
  from: string;
  value: string | null;
  onChange: (start: string) => void;
}) {
  const today = todayIn(timeZone);
  const [from, setFrom] = useState(initialFrom < today ? today : initialFrom);
  const slots = useSlots(from, DAYS, true);
  const time = new Intl.DateTimeFormat("en-US", { timeZone, hour: "numeric", minute: "2-digit" });
  const byDay = new Map<string, string[]>();
  for (const s of slots.data?.data ?? []) {
    const d = localDateOf(s.start, timeZone);
    byDay.set(d, [...(byDay.get(d) ?? []), s.start]);
  }
  return (
    <div data-testid="slot-picker">
      <div className="mb-2 flex items-center justify-between gap-2">
        <Button size="sm" onClick={() => setFrom(addDays(from, -DAYS))} disabled={from <= today} aria-label="Earlier slots">
          ‹ Earlier
        </Button>
        <span className="text-xs text-slate-600">
          {formatDay(from)} – {formatDay(addDays(from, DAYS - 1))}
        </span>
        <Button size="sm" onClick={() => setFrom(addDays(from, DAYS))} aria-label="Later slots">
          Later ›
        </Button>
      </div>
      {slots.data?.meta?.stale ? (
        <p role="status" className="mb-2 rounded-md bg-amber-50 px-2 py-1 text-xs text-amber-900">
          The calendar provider is not answering: these are the last free slots we saw, and may have been taken.
        </p>
      ) : null}
      {slots.isPending ? (
        <LoadingSkeleton label="Loading free slots…" count={3} />
      ) : slots.isError ? (
        <ErrorState error={slots.error} subject="Free slots" onRetry={() => void slots.refetch()} />
      ) : byDay.size === 0 ? (
        <p className="text-sm text-slate-600">No free slots these days. Try later ones.</p>
      ) : (
        <div role="radiogroup" aria-label="Free slots" className="max-h-72 space-y-3 overflow-y-auto pr-1">
          {[...byDay.entries()].map(([d, list]) => (
            <fieldset key={d}>
              <legend className="mb-1 text-xs font-semibold text-slate-700">{formatDay(d)}</legend>
              <div className="flex flex-wrap gap-1.5">
                {list.map((start) => (
                  <button
                    key={start}
                    type="button"
                    role="radio"
                    aria-checked={value === start}
                    data-testid="slot"
                    data-start={start}
                    onClick={() => onChange(start)}
                    className={cn(
                      "rounded-md border px-2 py-1 text-xs font-medium tabular-nums focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-brand-600",
                      value === start
                        ? "border-brand-600 bg-brand-600 text-white"
                        : "border-slate-300 bg-white text-slate-800 hover:bg-slate-50",
                    )}
                  >
                    {time.format(new Date(start))}
                  </button>
                ))}
              </div>
            </fieldset>
          ))}
        </div>
      )}
    </div>
  );
}
