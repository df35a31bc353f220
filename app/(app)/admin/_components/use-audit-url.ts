"use client";

import { parseAsString, useQueryStates } from "nuqs";
import { useCallback } from "react";
import { FIRST_PAGE, useCursorPages } from "@/components/data/use-cursor-pages";
import { isId } from "@/lib/ids/is-id";

/** The same shapes the API accepts (lib/services/admin/schemas.ts, listAuditLogQuerySchema). */
export const ACTION = /^[a-z_]{1,30}(\.[a-z_]{1,30}){1,2}$/;
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const isActor = (v: string) => (v.length <= 191 && EMAIL.test(v)) || isId(v, "user") || isId(v, "apiKey");

const parsers = { companyId: parseAsString, actor: parseAsString, action: parseAsString };

export interface AuditFilters {
  companyId: string | null;
  actor: string | null;
  action: string | null;
}

/**
 * The audit log's filters and page in the URL (nuqs). A value the API would refuse (a hand-edited
 * link) reads as no filter; applying filters goes back to the first page.
 */
export function useAuditUrl() {
  const [raw, set] = useQueryStates(parsers);
  const pages = useCursorPages();
  const filters: AuditFilters = {
    companyId: isId(raw.companyId, "company") ? raw.companyId : null,
    actor: raw.actor && isActor(raw.actor) ? raw.actor : null,
    action: raw.action && ACTION.test(raw.action) ? raw.action : null,
  };
  const apply = useCallback((next: AuditFilters) => void set({ ...next, ...FIRST_PAGE }, { history: "push" }), [set]);
  const filtered = Boolean(filters.companyId || filters.actor || filters.action);
  return { filters, filtered, apply, ...pages };
}
