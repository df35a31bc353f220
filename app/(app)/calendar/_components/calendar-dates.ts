import { addDays } from "@/lib/time/add-days";
import { zonedDateOf, zonedFields } from "@/lib/time/zoned-date-of";

export type CalendarViewName = "week" | "month" | "day";

/** Monday of the week `date` is in. */
export function weekStart(date: string): string {
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, -((dow + 6) % 7));
}

/** The days a view shows (local dates, first to last included): a week Mon–Sun, a month's full weeks, one day. */
export function viewDays(view: CalendarViewName, date: string): string[] {
  if (view === "day") return [date];
  if (view === "week") return Array.from({ length: 7 }, (_, i) => addDays(weekStart(date), i));
  const first = `${date.slice(0, 8)}01`;
  const start = weekStart(first);
  const nextMonth = addDays(first, 32).slice(0, 8) + "01";
  const days: string[] = [];
  for (let d = start; d < nextMonth || days.length % 7 !== 0; d = addDays(d, 1)) days.push(d);
  return days;
}

/** The date one step before or after in a view (a day, a week, a month). */
export function stepDate(view: CalendarViewName, date: string, dir: 1 | -1): string {
  if (view === "day") return addDays(date, dir);
  if (view === "week") return addDays(date, 7 * dir);
  const [y, m] = date.split("-").map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + dir, 1));
  return d.toISOString().slice(0, 10);
}

const WEEKDAY_KEYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;
export type WeekdayKey = (typeof WEEKDAY_KEYS)[number];

export function weekdayKey(date: string): WeekdayKey {
  return WEEKDAY_KEYS[new Date(`${date}T00:00:00Z`).getUTCDay()]!;
}

/** Minutes after local midnight of an instant in the zone. */
export function localMinutes(at: string, timeZone: string): number {
  const f = zonedFields(new Date(at), timeZone);
  return f.hour * 60 + f.minute;
}

export const localDateOf = (at: string, timeZone: string) => zonedDateOf(new Date(at), timeZone);

export const todayIn = (timeZone: string) => zonedDateOf(Date.now(), timeZone);

/** "09:30" → 570. */
export function hhmmToMinutes(v: string): number {
  const [h, m] = v.split(":").map(Number) as [number, number];
  return h * 60 + (m || 0);
}

const dayLabel = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", weekday: "short", month: "short", day: "numeric" });
const longDayLabel = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", weekday: "long", month: "long", day: "numeric" });
const monthLabel = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", month: "long", year: "numeric" });

export const formatDay = (date: string) => dayLabel.format(new Date(`${date}T00:00:00Z`));
export const formatLongDay = (date: string) => longDayLabel.format(new Date(`${date}T00:00:00Z`));
export const formatMonth = (date: string) => monthLabel.format(new Date(`${date}T00:00:00Z`));

/** "Dec 7 – 13, 2026", "December 2026", "Monday, December 7". */
export function viewTitle(view: CalendarViewName, date: string): string {
  if (view === "month") return formatMonth(date);
  if (view === "day") return formatLongDay(date);
  const days = viewDays("week", date);
  return `${formatDay(days[0]!)} – ${formatDay(days[6]!)}`;
}

export function timeFormat(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat("en-US", { timeZone, hour: "numeric", minute: "2-digit" });
}
