"use client";

import { useCallback, useId } from "react";
import { Button } from "@/components/ui/button";
import { Select, type SelectOption } from "@/components/ui/select";
import {
  CALL_DIRECTIONS,
  CALL_SENTIMENTS,
  CALL_STATUSES,
  DIRECTION_LABELS,
  SENTIMENT_LABELS,
  STATUS_LABELS,
  type CallDirection,
  type CallSentiment,
  type CallStatus,
} from "./call-labels";
import { SearchBox } from "@/components/ui/search-box";
import { hasFilters, type CallFilterValues } from "./use-calls-url";

const ANY = "" as const;
const withAny = <V extends string>(label: string, options: ReadonlyArray<SelectOption<V>>): ReadonlyArray<SelectOption<V | typeof ANY>> => [
  { value: ANY, label },
  ...options,
];

const STATUS_OPTIONS = withAny<CallStatus>(
  "Any status",
  CALL_STATUSES.map((v) => ({ value: v, label: STATUS_LABELS[v].label })),
);
const DIRECTION_OPTIONS = withAny<CallDirection>(
  "Both directions",
  CALL_DIRECTIONS.map((v) => ({ value: v, label: DIRECTION_LABELS[v] })),
);
const SENTIMENT_OPTIONS = withAny<CallSentiment>(
  "Any sentiment",
  CALL_SENTIMENTS.map((v) => ({ value: v, label: SENTIMENT_LABELS[v].label })),
);

const FIELD =
  "block w-full rounded-lg border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm focus:border-brand-500 focus:ring-2 focus:ring-brand-100 focus:outline-none";

/** A labelled date input laid out like the kit's Select (label, then the control). */
function DayInput({
  label,
  value,
  min,
  max,
  onChange,
}: {
  label: string;
  value?: string;
  min?: string;
  max?: string;
  onChange: (v: string | undefined) => void;
}) {
  const id = useId();
  return (
    <div className="flex min-w-0 items-center gap-2">
      <label htmlFor={id} className="shrink-0 text-sm font-medium text-slate-700">
        {label}
      </label>
      <input
        id={id}
        type="date"
        value={value ?? ""}
        min={min}
        max={max}
        onChange={(e) => onChange(e.target.value || undefined)}
        className={FIELD}
      />
    </div>
  );
}

function FilterSelect<V extends string>({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value?: V;
  options: ReadonlyArray<SelectOption<V | typeof ANY>>;
  onChange: (v: V | undefined) => void;
}) {
  return <Select label={label} value={value ?? ANY} options={options} onValueChange={(v) => onChange(v === ANY ? undefined : (v as V))} />;
}

export interface CallFiltersProps {
  filters: CallFilterValues;
  onChange: (patch: Partial<CallFilterValues>, mode?: "push" | "replace") => void;
  onClear: () => void;
  /** The customer's name when the list is narrowed to one (from the rows). */
  customerName: string | null;
}

/** Date range, status, direction, sentiment and the search box; each change lands in the URL. */
export function CallFilters({ filters, onChange, onClear, customerName }: CallFiltersProps) {
  const onSearch = useCallback((q: string) => onChange({ q: q || undefined }, "replace"), [onChange]);
  return (
    <div className="space-y-3" data-testid="call-filters">
      <SearchBox
        value={filters.q ?? ""}
        onSearch={onSearch}
        label="Search calls"
        placeholder="Words from the transcript, a name, an email or a phone number"
      />
      <div className="grid gap-x-4 gap-y-2 sm:flex sm:flex-wrap sm:items-center [&_label]:w-20 sm:[&_label]:w-auto">
        <DayInput label="From" value={filters.from} max={filters.to} onChange={(from) => onChange({ from })} />
        <DayInput label="To" value={filters.to} min={filters.from} onChange={(to) => onChange({ to })} />
        <FilterSelect label="Status" value={filters.status} options={STATUS_OPTIONS} onChange={(status) => onChange({ status })} />
        <FilterSelect
          label="Direction"
          value={filters.direction}
          options={DIRECTION_OPTIONS}
          onChange={(direction) => onChange({ direction })}
        />
        <FilterSelect
          label="Sentiment"
          value={filters.sentiment}
          options={SENTIMENT_OPTIONS}
          onChange={(sentiment) => onChange({ sentiment })}
        />
        {hasFilters(filters) ? (
          <Button variant="ghost" onClick={onClear} className="justify-self-start">
            Clear filters
          </Button>
        ) : null}
      </div>
      {filters.customerId ? (
        <p className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
          Only calls with <span className="font-medium text-slate-900">{customerName ?? "one customer"}</span>
          <Button size="sm" variant="ghost" onClick={() => onChange({ customerId: undefined })} aria-label="Show calls with every customer">
            ✕ Remove
          </Button>
        </p>
      ) : null}
    </div>
  );
}
