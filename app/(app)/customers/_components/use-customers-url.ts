"use client";

import { parseAsString, useQueryStates } from "nuqs";
import { useCallback } from "react";
import { FIRST_PAGE, useCursorPages } from "@/components/data/use-cursor-pages";

const parsers = { q: parseAsString.withDefault(""), cursor: parseAsString, prev: parseAsString };

/**
 * The list's state in the URL (nuqs): the search and the page (components/data/use-cursor-pages.ts).
 * Typing replaces the history entry and goes back to the first page; paging pushes one.
 */
export function useCustomersUrl() {
  const [state, set] = useQueryStates(parsers);
  const pages = useCursorPages();
  const search = useCallback((q: string) => void set({ q: q || null, ...FIRST_PAGE }, { history: "replace" }), [set]);
  return { q: state.q, ...pages, search };
}
