"use client";

import { parseAsString, useQueryStates } from "nuqs";
import { useCallback, useMemo } from "react";

const CURSOR = /^[A-Za-z0-9_-]{1,300}$/;

const parsers = { cursor: parseAsString, prev: parseAsString };

/** What a filter change sets beside its own keys: back to the first page. */
export const FIRST_PAGE = { cursor: null, prev: null } as const;

/**
 * Keyset pages in the URL (nuqs): the page's cursor and the cursors back to the first page ("prev",
 * dot-separated; ids and base64url have no dots). Paging pushes a history entry, so Back walks the
 * pages. A malformed cursor reads as the first page.
 */
export function useCursorPages() {
  const [state, set] = useQueryStates(parsers);
  const cursor = state.cursor && CURSOR.test(state.cursor) ? state.cursor : null;
  const trail = useMemo(() => (cursor ? (state.prev ?? "").split(".").filter((c) => CURSOR.test(c)) : []), [cursor, state.prev]);

  const nextPage = useCallback(
    (next: string) => void set({ cursor: next, prev: cursor ? [...trail, cursor].join(".") || null : null }, { history: "push" }),
    [set, cursor, trail],
  );
  const previousPage = useCallback(
    () => void set({ cursor: trail.at(-1) ?? null, prev: trail.slice(0, -1).join(".") || null }, { history: "push" }),
    [set, trail],
  );
  const firstPage = useCallback(() => void set(FIRST_PAGE, { history: "push" }), [set]);

  return { cursor, page: cursor ? trail.length + 2 : 1, nextPage, previousPage, firstPage };
}
