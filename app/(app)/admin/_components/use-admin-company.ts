"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { apiFetch } from "@/components/data/api-fetch";
import type { AdminCompanyDetail } from "@/lib/services/admin/schemas";

export const companyKey = (id: string) => ["admin", "company", id] as const;

/** One company with its effective limits (GET /api/v1/admin/companies/{id}); `changed()` refetches it and every admin list after a PATCH. */
export function useAdminCompany(id: string) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: companyKey(id),
    queryFn: ({ signal }) => apiFetch<AdminCompanyDetail>(`/api/v1/admin/companies/${id}`, { signal }),
  });
  const changed = useCallback(() => queryClient.invalidateQueries({ queryKey: ["admin"] }), [queryClient]);
  return { ...query, changed };
}
