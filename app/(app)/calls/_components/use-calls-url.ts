"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { isId } from "@/lib/ids/is-id";
import { CALL_DIRECTIONS, CALL_SENTIMENTS, CALL_STATUSES, type CallDirection, type CallSentiment, type CallStatus } from "./call-labels";

/** The list filters the URL can hold; the same names as the API's query. */
export interface CallFilterValues {
  /** First local day (YYYY-MM-DD, company time zone), included. */
  from?: string;
  /** Last local day, included. */
  to?: string;
  status?: CallStatus;
  direction?: CallDirection;
  sentiment?: CallSentiment;
  customerId?: string;
  q?: string;
}

export interface CallsUrlState {
  filters: CallFilterValues;
  /** `meta.nextCursor` that led to this page; null on the first page. */
  cursor: string | null;
  /** The cursors of the pages between the first and this one, oldest first: what "Previous" walks back. */
  trail: string[];
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const CURSOR = /^[A-Za-z0-9_-]{1,200}$/;
const FILTER_KEYS = ["from", "to", "status", "direction", "sentiment", "customerId", "q"] as const satisfies ReadonlyArray<
  keyof CallFilterValues
>;

function oneOf<T extends string>(list: readonly T[], value: string | null): T | undefined {
  return list.find((v) => v === value);
}

/** Reads the URL, dropping anything malformed (a hand-edited link shows the unfiltered list rather than an error). */
export function parseCallsUrl(params: URLSearchParams): CallsUrlState {
  const day = (k: string) => {
    const v = params.get(k);
    return v && DAY.test(v) ? v : undefined;
  };
  const q = params.get("q")?.trim().slice(0, 200);
  const customerId = params.get("customerId");
  const cursor = params.get("cursor");
  const validCursor = cursor && CURSOR.test(cursor) ? cursor : null;
  const trail = validCursor ? (params.get("prev") ?? "").split(".").filter((c) => CURSOR.test(c)) : [];
  return {
    filters: {
      from: day("from"),
      to: day("to"),
      status: oneOf(CALL_STATUSES, params.get("status")),
      direction: oneOf(CALL_DIRECTIONS, params.get("direction")),
      sentiment: oneOf(CALL_SENTIMENTS, params.get("sentiment")),
      customerId: isId(customerId) ? customerId : undefined,
      q: q || undefined,
    },
    cursor: validCursor,
    trail,
  };
}

function toSearch({ filters, cursor, trail }: CallsUrlState): string {
  const qs = new URLSearchParams();
  for (const k of FILTER_KEYS) {
    const v = filters[k];
    if (v) qs.set(k, v);
  }
  if (cursor) {
    qs.set("cursor", cursor);
    // Cursors are base64url, so "." cannot occur in one.
    if (trail.length > 0) qs.set("prev", trail.join("."));
  }
  const s = qs.toString();
  return s ? `?${s}` : "";
}

export function hasFilters(f: CallFilterValues): boolean {
  return FILTER_KEYS.some((k) => f[k] !== undefined);
}

/**
 * The calls page's state, all of it in the URL (filters, the page's cursor and the way back), so a
 * reload, Back and a shared link show the same page. Updates go through the History API, which
 * Next's router follows without a server round trip: filters and pages push an entry (Back undoes
 * them), typing in the search box replaces it.
 */
export function useCallsUrl() {
  const params = useSearchParams();
  const pathname = usePathname();
  const state = useMemo(() => parseCallsUrl(new URLSearchParams(params.toString())), [params]);

  const go = useCallback(
    (next: CallsUrlState, mode: "push" | "replace" = "push") => {
      const url = `${pathname}${toSearch(next)}`;
      if (mode === "push") window.history.pushState(null, "", url);
      else window.history.replaceState(null, "", url);
    },
    [pathname],
  );

  /** New filters always start again from the first page. */
  const setFilters = useCallback(
    (patch: Partial<CallFilterValues>, mode: "push" | "replace" = "push") =>
      go({ filters: { ...state.filters, ...patch }, cursor: null, trail: [] }, mode),
    [go, state.filters],
  );
  const clearFilters = useCallback(() => go({ filters: {}, cursor: null, trail: [] }), [go]);
  const nextPage = useCallback(
    (nextCursor: string) => go({ filters: state.filters, cursor: nextCursor, trail: state.cursor ? [...state.trail, state.cursor] : [] }),
    [go, state],
  );
  const previousPage = useCallback(
    () => go({ filters: state.filters, cursor: state.trail.at(-1) ?? null, trail: state.trail.slice(0, -1) }),
    [go, state],
  );
  const firstPage = useCallback(() => go({ filters: state.filters, cursor: null, trail: [] }), [go, state.filters]);

  return { ...state, page: state.cursor ? state.trail.length + 2 : 1, setFilters, clearFilters, nextPage, previousPage, firstPage };
}
