import { cn } from "@/components/ui/cn";
import { formatCount, meterTone } from "./format";

const BAR = { ok: "bg-emerald-600", warn: "bg-amber-500", bad: "bg-red-600" } as const;
const TEXT = { ok: "text-slate-600", warn: "text-amber-800", bad: "text-red-700" } as const;
const NOTE = { ok: "", warn: "Over 80 % used", bad: "Over 95 % used" } as const;

/** One usage meter (role="meter"): used of limit, amber from 80 %, red from 95 %; no limit = a count only. */
export function UsageMeter({
  label,
  used,
  limit,
  unit,
  hint,
}: {
  label: string;
  used: number;
  limit: number | null;
  unit: string;
  hint?: string;
}) {
  const ratio = limit ? used / limit : 0;
  const tone = meterTone(ratio);
  const pct = Math.min(100, Math.round(ratio * 100));
  return (
    <div data-testid={`meter-${label.toLowerCase().replace(/[^a-z]+/g, "-")}`} data-tone={tone}>
      <div className="flex items-baseline justify-between gap-2">
        <p className="text-sm font-medium text-slate-800">{label}</p>
        <p className={cn("text-sm tabular-nums", TEXT[tone])}>
          {formatCount(used)}
          {limit ? ` of ${formatCount(limit)}` : ""} {unit}
        </p>
      </div>
      <div
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={limit ?? Math.max(used, 1)}
        aria-valuenow={Math.min(used, limit ?? used)}
        aria-valuetext={limit ? `${pct} % used` : `${formatCount(used)} ${unit}`}
        className="mt-1.5 h-2.5 overflow-hidden rounded-full bg-slate-100"
      >
        <div className={cn("h-full rounded-full", BAR[tone])} style={{ width: `${limit ? pct : 0}%` }} />
      </div>
      <p className={cn("mt-1 text-xs", tone === "ok" ? "text-slate-500" : TEXT[tone])}>
        {[NOTE[tone], hint].filter(Boolean).join(" · ") || " "}
      </p>
    </div>
  );
}
