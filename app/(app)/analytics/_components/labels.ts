import { formatDuration, formatNumber, formatPercent } from "@/components/charts/format";
import type { RangeOption } from "@/components/ui/range-buttons";
import type { TrendInterval, TrendMetric } from "@/lib/services/analytics/schemas";

export type Preset = "7d" | "30d" | "90d" | "365d";

/** Date-range presets: whole local days ending today (the dashboard's DATE_RANGES plus a year, without "today"). */
export const PRESETS = [
  { value: "7d", label: "7d", title: "Last 7 days" },
  { value: "30d", label: "30d", title: "Last 30 days" },
  { value: "90d", label: "90d", title: "Last 90 days" },
  { value: "365d", label: "12m", title: "Last 365 days" },
] as const satisfies ReadonlyArray<RangeOption<Preset>>;

export const INTERVALS = [
  { value: "day", label: "Day", title: "By day" },
  { value: "week", label: "Week", title: "By week" },
  { value: "month", label: "Month", title: "By month" },
] as const satisfies ReadonlyArray<RangeOption<TrendInterval>>;

/** The trend metrics, how to print them, and whether they are shares (0–1). */
export const METRICS = [
  { value: "calls", label: "Calls", format: formatNumber },
  { value: "answered", label: "Answered calls", format: formatNumber },
  { value: "answerRate", label: "Answer rate", format: (v: number) => formatPercent(v) },
  { value: "avgDurationSec", label: "Average duration", format: (v: number) => formatDuration(v) },
  { value: "bookings", label: "Bookings", format: formatNumber },
  { value: "conversion", label: "Booking conversion", format: (v: number) => formatPercent(v) },
  { value: "noShowRate", label: "No-show rate", format: (v: number) => formatPercent(v) },
  { value: "positiveShare", label: "Positive sentiment share", format: (v: number) => formatPercent(v) },
  { value: "negativeShare", label: "Negative sentiment share", format: (v: number) => formatPercent(v) },
  { value: "revenue", label: "Revenue", format: formatNumber },
] as const satisfies ReadonlyArray<{ value: TrendMetric; label: string; format: (v: number) => string }>;

export const metricSpec = (metric: TrendMetric) => METRICS.find((m) => m.value === metric)!;

/** A provider's disconnection reason in words ("user_hangup" → "User hangup"); none given → "No reason given". */
export function reasonLabel(reason: string): string {
  if (!reason) return "No reason given";
  const words = reason.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
