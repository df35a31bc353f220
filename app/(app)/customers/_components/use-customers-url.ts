"use client";

import { parseAsString, useQueryStates } from "nuqs";
import { useCallback, useMemo } from "react";

const CURSOR = /^[A-Za-z0-9_-]{1,300}$/;

const parsers = { q: parseAsString.withDefault(""), cursor: parseAsString, prev: parseAsString };

/**
 * The list's state in the URL (nuqs): the search, the page's cursor and the cursors back to the
 * first page ("prev", dot-separated; base64url has no dots). Typing replaces the history entry;
 * paging pushes one, so Back walks the pages. A malformed cursor reads as the first page.
 */
export function useCustomersUrl() {
  const [state, set] = useQueryStates(parsers);
  const cursor = state.cursor && CURSOR.test(state.cursor) ? state.cursor : null;
  const trail = useMemo(() => (cursor ? (state.prev ?? "").split(".").filter((c) => CURSOR.test(c)) : []), [cursor, state.prev]);

  const search = useCallback((q: string) => void set({ q: q || null, cursor: null, prev: null }, { history: "replace" }), [set]);
  const nextPage = useCallback(
    (next: string) => void set({ cursor: next, prev: cursor ? [...trail, cursor].join(".") || null : null }, { history: "push" }),
    [set, cursor, trail],
  );
  const previousPage = useCallback(
    () => void set({ cursor: trail.at(-1) ?? null, prev: trail.slice(0, -1).join(".") || null }, { history: "push" }),
    [set, trail],
  );
  const firstPage = useCallback(() => void set({ cursor: null, prev: null }, { history: "push" }), [set]);

  return { q: state.q, cursor, page: cursor ? trail.length + 2 : 1, search, nextPage, previousPage, firstPage };
}
