import { format, parseISO } from "date-fns";
import { formatNumber } from "@/components/charts/format";

export { formatDuration } from "@/components/charts/format";

/** A count, or "—" when there is none. */
export const formatCount = (v: number | null): string => (v === null ? "—" : formatNumber(v));

/** A 0–1 rate as "87.3 %", or "—". */
export const formatRatio = (v: number | null): string => (v === null ? "—" : `${(v * 100).toFixed(1)} %`);

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
