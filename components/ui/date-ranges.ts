import { endOfDay, startOfDay, subDays } from "date-fns";
import type { RangeOption } from "./range-buttons";

export type DateRangePreset = "today" | "7d" | "30d" | "90d";

/** Presets for RangeButtons on date-filtered pages (dashboard, calls, analytics). */
export const DATE_RANGES: ReadonlyArray<RangeOption<DateRangePreset>> = [
  { value: "today", label: "Today", title: "Today" },
  { value: "7d", label: "7d", title: "Last 7 days" },
  { value: "30d", label: "30d", title: "Last 30 days" },
  { value: "90d", label: "90d", title: "Last 90 days" },
];

/** The [from, to] of a preset in the browser's time zone, "today" included. Send as ISO strings. */
export function rangeFor(preset: DateRangePreset, now: Date): { from: Date; to: Date } {
  const days = preset === "today" ? 0 : Number(preset.slice(0, -1)) - 1;
  return { from: startOfDay(subDays(now, days)), to: endOfDay(now) };
}
