import type { ReactNode } from "react";
import { cn } from "./cn";

export interface KpiDelta {
  /** Change as a fraction (0.12 = +12 %), or in the unit of `format`. */
  value: number;
  /** "vs yesterday". */
  label?: string;
  /** Which direction is good (green): "up" (default) for revenue, "down" for errors or latency. */
  goodWhen?: "up" | "down";
  /** How to print the value; default a signed percentage. */
  format?: (value: number) => string;
}

export interface KpiCardProps {
  label: string;
  /** Already formatted ("1,204", "98.2 %", "—"). */
  value: ReactNode;
  delta?: KpiDelta;
  /** Small print under the value ("last 10 s"). */
  hint?: ReactNode;
  /** Tone of the value itself, e.g. "danger" when an error rate is high. */
  tone?: "default" | "danger" | "warning";
  className?: string;
  /** Put on the value element, so tests can read the number. */
  valueTestId?: string;
}

const signedPercent = (v: number) => `${v > 0 ? "+" : ""}${(v * 100).toFixed(Math.abs(v) < 0.1 ? 1 : 0)} %`;

/** One headline number with its label and, optionally, its change. */
export function KpiCard({ label, value, delta, hint, tone = "default", className, valueTestId }: KpiCardProps) {
  const direction = delta ? Math.sign(delta.value) : 0;
  const good = delta && direction !== 0 ? direction > 0 === ((delta.goodWhen ?? "up") === "up") : null;
  return (
    <div className={cn("min-w-0 rounded-xl border border-slate-200 bg-white p-4 shadow-sm", className)}>
      <p className="truncate text-xs font-medium text-slate-500">{label}</p>
      <p
        data-testid={valueTestId}
        className={cn(
          "mt-1 truncate text-2xl font-semibold tabular-nums",
          tone === "danger" ? "text-red-600" : tone === "warning" ? "text-amber-600" : "text-slate-900",
        )}
      >
        {value}
      </p>
      {delta ? (
        <p className={cn("mt-1 text-xs font-medium", good === null ? "text-slate-500" : good ? "text-emerald-700" : "text-red-600")}>
          <span aria-hidden>{direction > 0 ? "▲ " : direction < 0 ? "▼ " : ""}</span>
          {(delta.format ?? signedPercent)(delta.value)}
          {delta.label ? <span className="font-normal text-slate-500"> {delta.label}</span> : null}
        </p>
      ) : null}
      {hint ? <p className="mt-1 truncate text-xs text-slate-500">{hint}</p> : null}
    </div>
  );
}
