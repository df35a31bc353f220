"use client";

import { parseAsString, parseAsStringLiteral, useQueryStates } from "nuqs";
import { useCallback } from "react";
import { FIRST_PAGE, useCursorPages } from "@/components/data/use-cursor-pages";
import type { CompanyStatus, Tier } from "@/lib/db/schema/companies";
import { TIER_LIST } from "./admin-labels";

export const STATUS_LIST: readonly CompanyStatus[] = ["active", "suspended"];

const parsers = {
  q: parseAsString.withDefault(""),
  tier: parseAsStringLiteral(TIER_LIST),
  status: parseAsStringLiteral(STATUS_LIST),
};

export interface CompanyFilters {
  q: string;
  tier: Tier | null;
  status: CompanyStatus | null;
}

/**
 * The companies list's state in the URL (nuqs): search, tier, status and the page. A filter change
 * goes back to the first page; typing replaces the history entry, choosing a filter pushes one.
 * An unknown tier or status in a hand-edited link reads as "any".
 */
export function useCompaniesUrl() {
  const [filters, set] = useQueryStates(parsers);
  const pages = useCursorPages();
  const search = useCallback((q: string) => void set({ q: q || null, ...FIRST_PAGE }, { history: "replace" }), [set]);
  const filter = useCallback(
    (next: Partial<Pick<CompanyFilters, "tier" | "status">>) => void set({ ...next, ...FIRST_PAGE }, { history: "push" }),
    [set],
  );
  const clear = useCallback(() => void set({ q: null, tier: null, status: null, ...FIRST_PAGE }, { history: "push" }), [set]);
  const filtered = Boolean(filters.q || filters.tier || filters.status);
  return { filters: filters as CompanyFilters, filtered, search, filter, clear, ...pages };
}
