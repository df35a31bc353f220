import { formatNumber } from "@/components/charts/format";

export { formatDay, formatDays, formatDuration, formatMoney } from "@/components/charts/format";

/** A count, or "—" when there is none. */
export const formatCount = (v: number | null): string => (v === null ? "—" : formatNumber(v));

/** A 0–1 rate as "87.3 %", or "—". */
export const formatRatio = (v: number | null): string => (v === null ? "—" : `${(v * 100).toFixed(1)} %`);
