"use client";

import { useQuery } from "@tanstack/react-query";
import { isApiClientError } from "@/components/data/api-error";
import { apiFetch } from "@/components/data/api-fetch";
import { pollEvery } from "@/components/data/retry-policy";
import type { DependencyStatus } from "@/lib/health/check-ready";

/**
 * MySQL/Redis/queue for the company view (its health payload leaves out platform internals):
 * GET /api/health/ready every 10 s. A 503 still names the checks, in the error's details.
 */
export function useReadiness(enabled: boolean): DependencyStatus[] | null {
  const ready = useQuery({
    queryKey: ["health", "ready"],
    queryFn: ({ signal }) => apiFetch<{ checks: DependencyStatus[] }>("/api/health/ready", { signal, cache: "no-store" }),
    refetchInterval: pollEvery(10_000),
    retry: false,
    enabled,
  });
  // After a failed refetch `data` still holds the last success: the failure's own checks win.
  const failed = isApiClientError(ready.error) ? (ready.error.details as { checks?: DependencyStatus[] } | undefined)?.checks : undefined;
  return failed ?? ready.data?.checks ?? null;
}
