"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useCallback } from "react";
import { DATE_RANGES } from "@/components/ui/date-ranges";
import type { DashboardRange } from "@/lib/services/dashboard/schemas";

export const DEFAULT_RANGE: DashboardRange = "7d";

function isRange(value: string | null): value is DashboardRange {
  return DATE_RANGES.some((r) => r.value === value);
}

/**
 * The dashboard's period, kept in `?range=` (default 7d, left out of the URL). Changing it pushes a
 * history entry through the History API, which Next's router follows: no server round trip, and
 * Back returns to the previous range.
 */
export function useDashboardRange(): [DashboardRange, (next: DashboardRange) => void] {
  const params = useSearchParams();
  const pathname = usePathname();
  const raw = params.get("range");
  const range = isRange(raw) ? raw : DEFAULT_RANGE;

  const setRange = useCallback(
    (next: DashboardRange) => {
      const qs = new URLSearchParams(params.toString());
      if (next === DEFAULT_RANGE) qs.delete("range");
      else qs.set("range", next);
      const search = qs.toString();
      window.history.pushState(null, "", search ? `${pathname}?${search}` : pathname);
    },
    [params, pathname],
  );

  return [range, setRange];
}
