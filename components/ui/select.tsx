import { useId, type SelectHTMLAttributes } from "react";
import { cn } from "./cn";

export interface SelectOption<V extends string = string> {
  value: V;
  label: string;
  disabled?: boolean;
}

export interface SelectProps<V extends string = string> extends Omit<SelectHTMLAttributes<HTMLSelectElement>, "value" | "onChange"> {
  /** Visible label (required for accessibility; hide it visually with `hideLabel`). */
  label: string;
  hideLabel?: boolean;
  options: ReadonlyArray<SelectOption<V>>;
  value: V;
  onValueChange: (value: V) => void;
}

/** A labelled native select: keyboard, screen readers and phones handle it well. */
export function Select<V extends string = string>({
  label,
  hideLabel = false,
  options,
  value,
  onValueChange,
  className,
  id,
  ...rest
}: SelectProps<V>) {
  const autoId = useId();
  const selectId = id ?? autoId;
  return (
    <div className={cn("flex min-w-0 items-center gap-2", className)}>
      <label htmlFor={selectId} className={cn("shrink-0 text-sm font-medium text-slate-700", hideLabel && "sr-only")}>
        {label}
      </label>
      <select
        id={selectId}
        value={value}
        onChange={(e) => onValueChange(e.target.value as V)}
        className="block w-full min-w-0 rounded-lg border border-slate-300 bg-white py-1.5 pr-8 pl-3 text-sm shadow-sm focus:border-brand-500 focus:ring-2 focus:ring-brand-100 focus:outline-none"
        {...rest}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value} disabled={o.disabled}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
