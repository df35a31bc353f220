"use client";

import { useQuery } from "@tanstack/react-query";
import { apiFetchEnvelope } from "@/components/data/api-fetch";
import type { CustomerDetail } from "@/lib/services/customers/schemas";

export const customerKey = (id: string) => ["customers", "detail", id] as const;

/** The profile, starting from what the server rendered. */
export function useCustomer(initial: CustomerDetail) {
  return useQuery({
    queryKey: customerKey(initial.id),
    queryFn: async ({ signal }) => (await apiFetchEnvelope<CustomerDetail>(`/api/v1/customers/${initial.id}`, { signal })).data,
    initialData: initial,
  });
}
