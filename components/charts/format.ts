import { format, parseISO } from "date-fns";

const compact = new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat("en");

/** 1234 → "1.2K" (axis ticks). */
export const formatCompact = (v: number): string => compact.format(v);
/** 1234 → "1,234". */
export const formatNumber = (v: number): string => whole.format(v);
/** 3.14159 → "3.1"; integers stay integers. */
export const formatRate = (v: number): string => (Number.isInteger(v) ? whole.format(v) : v.toFixed(v < 10 ? 1 : 0));
/** 0.873 → "87.3 %". */
export const formatPercent = (v: number, digits = 1): string => `${(v * 100).toFixed(digits)} %`;
/** Milliseconds → "12 ms", "1.4 s". */
export const formatMs = (v: number): string => (v >= 1000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`);
/** Epoch seconds → "14:03:20" (browser time). */
export const formatClock = (epochSec: number): string => format(epochSec * 1000, "HH:mm:ss");
/** Epoch ms → "14:03:20". */
export const formatClockMs = (epochMs: number): string => format(epochMs, "HH:mm:ss");

/** Seconds → "45 s", "3 min 05 s", "1 h 02 min"; null (nothing measured, or a live call) → "—". */
export function formatDuration(sec: number | null): string {
  if (sec === null) return "—";
  const s = Math.round(sec);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, "0")} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, "0")} min`;
}

/** A local day "2026-03-09" → "Mar 9" (no time zone involved: it is already the company's day). */
export const formatDay = (day: string): string => format(parseISO(day), "MMM d");

/** "Mar 3 – Mar 9, 2026", or one day: "Mar 9, 2026". */
export function formatDays(firstDay: string, lastDay: string): string {
  const last = format(parseISO(lastDay), "MMM d, yyyy");
  return firstDay === lastDay ? last : `${formatDay(firstDay)} – ${last}`;
}

/** Integer minor units of a currency as "$1,234.50" (the currency's own number of decimals). */
export function formatMoney(cents: number, currency: string): string {
  const f = new Intl.NumberFormat("en-US", { style: "currency", currency });
  const digits = f.resolvedOptions().maximumFractionDigits ?? 2;
  return f.format(cents / 10 ** digits);
}
