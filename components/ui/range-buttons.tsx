import { cn } from "./cn";

export interface RangeOption<V extends string = string> {
  value: V;
  /** Short visible text ("7d"). */
  label: string;
  /** Longer text for screen readers ("Last 7 days"). */
  title?: string;
}

export interface RangeButtonsProps<V extends string = string> {
  /** Names the group for screen readers ("Date range"). */
  label: string;
  options: ReadonlyArray<RangeOption<V>>;
  value: V;
  onValueChange: (value: V) => void;
  className?: string;
}

/**
 * A segmented control of presets (date ranges, windows, granularity). Each is a toggle button with
 * aria-pressed; pair with `DATE_RANGES`/`rangeFor` from ./date-ranges for dates.
 */
export function RangeButtons<V extends string = string>({ label, options, value, onValueChange, className }: RangeButtonsProps<V>) {
  return (
    <div role="group" aria-label={label} className={cn("inline-flex rounded-lg bg-slate-100 p-0.5", className)}>
      {options.map((o) => {
        const active = o.value === value;
        return (
          <button
            key={o.value}
            type="button"
            aria-pressed={active}
            aria-label={o.title}
            title={o.title}
            onClick={() => onValueChange(o.value)}
            className={cn(
              "rounded-md px-2.5 py-1 text-xs font-medium transition-colors focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-brand-600",
              active ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900",
            )}
          >
            {o.label}
          </button>
        );
      })}
    </div>
  );
}
