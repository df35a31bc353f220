"use client";

import { parseAsString, parseAsStringLiteral, useQueryStates } from "nuqs";
import { useCallback, useMemo } from "react";
import type { TrendInterval, TrendMetric } from "@/lib/services/analytics/schemas";
import { addDays } from "@/lib/time/add-days";
import { zonedDateOf } from "@/lib/time/zoned-date-of";
import { INTERVALS, METRICS, PRESETS, type Preset } from "./labels";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MAX_DAYS = 366;

const parsers = {
  range: parseAsStringLiteral(PRESETS.map((p) => p.value)).withDefault("30d"),
  from: parseAsString,
  to: parseAsString,
  metric: parseAsStringLiteral(METRICS.map((m) => m.value)).withDefault("calls"),
  interval: parseAsStringLiteral(INTERVALS.map((i) => i.value)).withDefault("day"),
};

export interface AnalyticsRange {
  /** "custom" when from/to came from the URL. */
  preset: Preset | "custom";
  from: string;
  to: string;
}

/** A custom range is valid when both days parse, from ≤ to, at most 366 days. */
function customRange(from: string | null, to: string | null): AnalyticsRange | null {
  if (!from || !to || !DAY.test(from) || !DAY.test(to) || from > to) return null;
  if (addDays(from, MAX_DAYS - 1) < to) return null;
  return { preset: "custom", from, to };
}

/**
 * The page's state in the URL: a preset (`?range=7d`, default 30d, left out) or a custom
 * `?from&to`, plus `?metric` and `?interval` of the trend. Presets end on the company's today.
 * Every change pushes a history entry (Back undoes it) without a server round trip.
 */
export function useAnalyticsUrl(timezone: string) {
  const [state, set] = useQueryStates(parsers);
  const range = useMemo<AnalyticsRange>(() => {
    const custom = customRange(state.from, state.to);
    if (custom) return custom;
    const today = zonedDateOf(new Date(), timezone);
    const days = Number(state.range.slice(0, -1));
    return { preset: state.range, from: addDays(today, -(days - 1)), to: today };
  }, [state.from, state.to, state.range, timezone]);

  const setPreset = useCallback(
    (range: Preset) => void set({ range: range === "30d" ? null : range, from: null, to: null }, { history: "push" }),
    [set],
  );
  const setCustom = useCallback((from: string, to: string) => void set({ range: null, from, to }, { history: "push" }), [set]);
  const setMetric = useCallback(
    (metric: TrendMetric) => void set({ metric: metric === "calls" ? null : metric }, { history: "push" }),
    [set],
  );
  const setInterval = useCallback(
    (interval: TrendInterval) => void set({ interval: interval === "day" ? null : interval }, { history: "push" }),
    [set],
  );
  return {
    range,
    metric: state.metric,
    interval: state.interval,
    setPreset,
    setCustom,
    setMetric,
    setInterval,
    isValidCustom: customRange,
  };
}
